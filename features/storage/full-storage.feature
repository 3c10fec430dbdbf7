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
