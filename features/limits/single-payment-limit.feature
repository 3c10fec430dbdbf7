Feature: The single-payment limit
  The issuer caps what one offline payment may move. A payment above the cap is refused by
  the payer's wallet before anything is debited, so neither side's balance changes.

  Rule: a payment above the single-payment limit is refused and nothing moves

    @LIMIT-01
    Scenario: Wei tries to pay more than his single-payment limit
      Given the issuer's single-payment limit is ¥200.00
      And Wei has a card wallet holding ¥500.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥250.00
      Then the payment is refused because it is over the single-payment limit
      And Wei's wallet holds ¥500.00
      And Golden Dragon's wallet holds ¥0.00

    @LIMIT-01
    Scenario: Wei pays exactly his single-payment limit
      Given the issuer's single-payment limit is ¥200.00
      And Wei has a card wallet holding ¥500.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥200.00
      Then the payment is completed
      And Wei's wallet holds ¥300.00
