Feature: The issuer's offline limits
  Between two syncs a wallet may make only so many payments, move only so much in total, and
  hold only so much. The issuer signs these limits; the wallets enforce them offline, before
  anything is debited.

  Rule: the number of offline payments between syncs is capped

    @LIMIT-02
    Scenario: Wei's fourth offline payment is refused when the issuer allows three
      Given the issuer allows 3 offline payments between syncs
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥1.00 3 times without syncing
      When Wei pays Golden Dragon ¥1.00
      Then the payment is refused because the offline payment count is used up
      And Wei's wallet holds ¥97.00

  Rule: no clock is trusted: only a new acknowledgement from the issuer renews the offline allowance

    @LIMIT-06
    Scenario: Li's phone, its clock set back, presents her last sync's acknowledgement again
      Given the issuer allows 3 offline payments between syncs
      And Li has a phone wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Li's wallet comes online and syncs
      And Li has paid Golden Dragon ¥1.00 3 times without syncing
      When Li's phone, its clock set back to the day of the last sync, presents that sync's acknowledgement to the wallet again
      Then Li's wallet still counts 3 offline payments since its last sync
      When Li pays Golden Dragon ¥1.00
      Then the payment is refused because the offline payment count is used up
      And Li's wallet holds ¥97.00

  Rule: the total paid offline between syncs is capped

    @LIMIT-03
    Scenario: Wei's second payment would take him over the offline cumulative limit
      Given the issuer's offline cumulative limit is ¥50.00
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥30.00
      When Wei pays Golden Dragon ¥30.00
      Then the payment is refused because it is over the offline cumulative limit
      And Wei's wallet holds ¥70.00

    @LIMIT-03
    Scenario: Wei's second payment takes him exactly to the offline cumulative limit, and one fen more is refused
      Given the issuer's offline cumulative limit is ¥50.00
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥30.00
      When Wei pays Golden Dragon ¥20.00
      Then the payment is completed
      When Wei pays Golden Dragon ¥0.01
      Then the payment is refused because it is over the offline cumulative limit
      And Wei's wallet holds ¥50.00

    @LIMIT-03
    Scenario: Wei's offline total cannot wrap around 32 bits: a payment that would take it past ¥42949672.95 is refused
      Given the issuer's single-payment limit is ¥42949672.95
      And the issuer lets a wallet hold up to ¥42949672.95
      And Wei has a phone wallet holding ¥30000000.00
      And Auntie Lan has a payment tag by the till
      When Wei pays Auntie Lan ¥25000000.00 entering the PIN
      Then the payment is completed
      When Wei pays ¥25000000.00 into the bank account and asks for a load token for it
      And Wei's wallet loads the token
      Then the load is accepted
      When Wei pays Auntie Lan ¥20000000.00 entering the PIN
      Then the payment is refused because it is over the offline cumulative limit
      And Wei's wallet holds ¥30000000.00: its offline total and the amount did not wrap around 32 bits

  Rule: a wallet never holds more than its holding cap

    @LIMIT-04
    Scenario: Golden Dragon's POS refuses a payment that would take it over its holding cap
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal that may hold at most ¥50.00
      When Wei pays Golden Dragon ¥60.00
      Then the payment is refused because the payee's wallet would exceed its holding cap
      And Wei's wallet holds ¥100.00
      And Golden Dragon's wallet holds ¥0.00

    @LIMIT-04
    Scenario: Golden Dragon's POS takes a payment that fills it exactly to its holding cap, and refuses one fen more
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal that may hold at most ¥50.00
      When Wei pays Golden Dragon ¥50.00
      Then the payment is completed
      When Wei pays Golden Dragon ¥0.01
      Then the payment is refused because the payee's wallet would exceed its holding cap
      And Golden Dragon's wallet holds ¥50.00

    @LIMIT-04
    Scenario: Golden Dragon's POS refuses a payment so large that its holding plus the amount would wrap around 32 bits
      Given the issuer's single-payment limit is ¥42949672.95
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal that may hold at most ¥50.00
      And Wei has paid Golden Dragon ¥30.00
      When Wei pays Golden Dragon ¥42949672.95 entering the PIN
      Then the payment is refused because the payee's wallet would exceed its holding cap
      And Golden Dragon's wallet holds ¥30.00: its holding and the amount did not wrap around 32 bits
      And Wei's wallet holds ¥70.00

    @LIMIT-04
    Scenario: Golden Dragon's POS refuses a load so large that its holding plus the amount would wrap around 32 bits
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal that may hold at most ¥50.00
      And Wei has paid Golden Dragon ¥30.00
      When Golden Dragon pays ¥42949672.95 into the bank account and asks for a load token for it
      And Golden Dragon's wallet loads the token
      Then the wallet refuses the load because it would exceed the wallet's holding cap
      And Golden Dragon's wallet holds ¥30.00: its holding and the amount did not wrap around 32 bits

    @LIMIT-04
    Scenario: Golden Dragon's POS refuses a load one fen over its holding cap, and takes the same token once it fits exactly
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal that may hold at most ¥50.00
      And Wei has paid Golden Dragon ¥30.00
      When Golden Dragon pays ¥20.01 into the bank account and asks for a load token for it
      And Golden Dragon's wallet loads the token
      Then the wallet refuses the load because it would exceed the wallet's holding cap
      And Golden Dragon's wallet holds ¥30.00
      When Golden Dragon's wallet unloads ¥0.01 back to the bank account
      And Golden Dragon's wallet loads the same token again
      Then the load is accepted
      And Golden Dragon's wallet holds ¥50.00

    @LIMIT-04
    Scenario: Golden Dragon's POS, loaded between its challenge and Wei's record, refuses the record it has no room for, and takes it once it has
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal that may hold at most ¥50.00
      When Golden Dragon's wallet challenges Wei for ¥20.00 and, before the record comes, is loaded with ¥30.01
      Then Golden Dragon's wallet refuses Wei's record with "6914", changing nothing, and takes it for the same challenge once it has room
      And Wei's wallet holds ¥80.00
      And Golden Dragon's wallet holds ¥50.00
