Feature: A wallet's storage is bounded
  A secure element keeps every payment record until the backend has acknowledged it, and it
  has room for only so many. A full wallet must refuse to pay before it debits anything, and
  only the backend's acknowledgement frees the room.

  Background:
    Given the issuer allows 100 offline payments between syncs
    And Wei has a card wallet holding ¥100.00
    And Golden Dragon has a POS terminal
    And Wei's wallet storage has been filled by payments to Golden Dragon

  Rule: a full wallet refuses to pay before any debit

    @STOR-01
    Scenario: Wei's wallet is full and refuses the next payment
      When Wei pays Golden Dragon ¥1.00
      Then the payment is refused because the wallet's storage is full
      And Wei's wallet holds what it held before the payment

    @STOR-01
    Scenario: Wei's full wallet refuses to be paid, to load and to unload, before anything is written
      When Golden Dragon pays Wei ¥0.01
      Then the payment is refused because the payee's wallet storage is full
      And Wei's wallet holds what it held before the payment
      When Wei pays ¥1.00 into the bank account and asks for a load token for it
      And Wei's wallet loads the token
      Then the wallet refuses the load because the wallet's storage is full
      When Wei's wallet tries to unload ¥0.01 back to the bank account
      Then Wei's wallet refused to unload ¥0.01 because its storage is full
      And Wei's wallet holds what it held before the payment

    @STOR-01
    Scenario: Golden Dragon's wallet, its last free slot taken by a load between its challenge and Mei's record, refuses the record and takes it after a sync
      Given Mei has a card wallet holding ¥100.00
      When Golden Dragon's wallet, one log slot left, challenges Mei for ¥1.00 and, before the record comes, is loaded into that slot
      Then Golden Dragon's wallet refuses Mei's record with "6A84", changing nothing, and takes it for the same challenge once it has room
      And Mei's wallet holds ¥99.00

  Rule: records are freed only by the backend's acknowledgement

    @STOR-02
    Scenario: after Wei's wallet syncs, it has room again
      When Wei's wallet comes online and syncs
      And Wei pays Golden Dragon ¥1.00
      Then the payment is completed
      And Wei's wallet holds ¥1.00 less than before the payment

    @STOR-02
    Scenario: Wei's log wraps around its end: synced in part, then filled again, every record still reads and reaches the bank
      When Wei's wallet comes online and syncs
      And Golden Dragon's wallet comes online and syncs
      And Wei has paid Golden Dragon ¥1.00 3 times without syncing
      And Wei's wallet comes online and syncs
      And Golden Dragon's wallet comes online and syncs
      And Wei's wallet storage has been filled by payments to Golden Dragon
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei's wallet comes online and syncs
      Then Wei's wallet has no records waiting to sync
      And the bank holds Wei's records as one unbroken chain
