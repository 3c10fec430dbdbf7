Feature: Records that reach the bank out of order
  A wallet on a bad connection may get its records through one at a time and in any order. The
  bank holds back a record until the ones before it have arrived, then settles each payment once.

  Rule: records arriving newest first are settled once the chain is complete

    @SYNC-05
    Scenario: Wei's two payments reach the bank newest first
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      And Wei has paid Golden Dragon ¥20.00
      When Wei's wallet uploads its records one at a time, newest first
      Then the bank has settled ¥30.00 to Golden Dragon in 2 payments
      And the bank holds Wei's records as one unbroken chain
