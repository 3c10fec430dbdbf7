package org.dualoffline.backend;

/** A refused request: what kind of failure, and a precise detail for the caller. Services throw only this. */
public class BackendException extends RuntimeException {
    private final Failure failure;

    public BackendException(Failure failure, String detail) {
        super(detail);
        this.failure = failure;
    }

    public BackendException(Failure failure, String detail, Throwable cause) {
        super(detail, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    public String detail() {
        return getMessage();
    }

    public static BackendException invalid(String detail) {
        return new BackendException(Failure.INVALID_REQUEST, detail);
    }

    public static BackendException walletNotFound(Object walletId) {
        return new BackendException(Failure.WALLET_NOT_FOUND, "wallet " + walletId + " is not enrolled");
    }
}
