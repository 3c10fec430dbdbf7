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
