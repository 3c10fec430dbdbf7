package org.dualoffline.backend;

/**
 * What one sync upload may carry, and how many verified PAY-entry signatures the backend
 * remembers (per generation, see {@code VerifiedSignatures}), so that the second side reporting
 * a payment does not verify the payer's signature again; 0 turns that memory off.
 */
public record UploadSettings(int maxRecordsPerUpload, int verifiedSignatureCache) {
    public static final int DEFAULT_MAX_RECORDS_PER_UPLOAD = 256;
    /** PAY entries whose verified signatures are remembered, per generation: about 20 MB. */
    public static final int DEFAULT_VERIFIED_SIGNATURE_CACHE = 131_072;
    public static final UploadSettings DEFAULTS = new UploadSettings(DEFAULT_MAX_RECORDS_PER_UPLOAD, DEFAULT_VERIFIED_SIGNATURE_CACHE);

    public UploadSettings {
        if (maxRecordsPerUpload < 1) {
            throw new IllegalArgumentException("pool size, body limit and records per upload must be positive");
        }
        if (verifiedSignatureCache < 0) {
            throw new IllegalArgumentException("the verified-signature cache size must be 0 (off) or positive");
        }
    }

    public UploadSettings withMaxRecordsPerUpload(int maxRecordsPerUpload) {
        return new UploadSettings(maxRecordsPerUpload, verifiedSignatureCache);
    }

    public UploadSettings withVerifiedSignatureCache(int entries) {
        return new UploadSettings(maxRecordsPerUpload, entries);
    }
}
