Feature: Settling offline payments when devices come online
  Offline value becomes final at the bank. Whichever side of a payment comes online first
  reports it; the payee is settled once, however many times and by whom it is reported.

  Background:
    Given Wei has a card wallet holding ¥100.00
    And Golden Dragon has a POS terminal
    And Wei has paid Golden Dragon ¥25.00

  Rule: the payee is settled when its device comes online

    @SYNC-01
    Scenario: Golden Dragon's POS comes online and the shop is settled
      When Golden Dragon's wallet comes online and syncs
      Then the bank has settled ¥25.00 to Golden Dragon exactly once
      And Golden Dragon's wallet has no records waiting to sync

  Rule: a payment reported by both sides is settled exactly once

    @SYNC-02
    Scenario: both the POS and Wei's card report the payment
      When Golden Dragon's wallet comes online and syncs
      And Wei's wallet comes online and syncs
      Then the bank has settled ¥25.00 to Golden Dragon exactly once
      And the bank knows the payment from both Wei and Golden Dragon

    @SYNC-02
    Scenario: Wei's card reports first, then the POS
      When Wei's wallet comes online and syncs
      And Golden Dragon's wallet comes online and syncs
      Then the bank has settled ¥25.00 to Golden Dragon exactly once
      And the bank knows the payment from both Wei and Golden Dragon

  Rule: the payee is settled even if only the payer ever comes online

    @SYNC-03
    Scenario: Golden Dragon's POS never syncs, Wei's card does
      When Wei's wallet comes online and syncs
      Then the bank has settled ¥25.00 to Golden Dragon exactly once

  Rule: an upload that arrives twice changes nothing the second time

    @SYNC-04
    Scenario: Golden Dragon's upload reaches the bank twice
      When Golden Dragon's wallet comes online and syncs
      And the same upload from Golden Dragon's wallet reaches the bank again
      Then the bank recognised every record of the second upload as one it already held
      And the bank has settled ¥25.00 to Golden Dragon exactly once
