package org.dualoffline.harness.tearing;

import org.dualoffline.harness.PurseInvariants;
import org.dualoffline.harness.WalletInspector;

/**
 * What the runs of every torn flow use: wallets issued afresh for each run, an inspector that
 * keeps no traces (a campaign makes hundreds of runs), and the purse invariants to check.
 */
record FlowTools(TornWallets wallets, WalletInspector inspector, PurseInvariants invariants) {}
