package org.dualoffline.devices;

/** Where a device's electricity comes from. */
public sealed interface PowerSource permits PowerSource.FieldPowered, PowerSource.Mains, Battery {
    /** True if the device can run on its own power (drive an NFC field, run its app). */
    boolean hasPower();

    String describe();

    /** Cards, tags and wearables in card mode: powered by the reader's field, nothing of their own. */
    record FieldPowered() implements PowerSource {
        @Override
        public boolean hasPower() {
            return false;
        }

        @Override
        public String describe() {
            return "powered by the reader's field";
        }
    }

    /** A POS on the mains. */
    record Mains() implements PowerSource {
        @Override
        public boolean hasPower() {
            return true;
        }

        @Override
        public String describe() {
            return "mains";
        }
    }
}
