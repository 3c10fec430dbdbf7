package org.dualoffline.backend.sync;

/** Where a stored entry of a wallet's log stands: on the accepted chain, or waiting beyond a gap. */
public enum RecordStatus { ACCEPTED, PENDING }
