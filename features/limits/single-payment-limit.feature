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

  Rule: limits change only through the issuer's signed acknowledgement at a sync

    @LIMIT-05
    Scenario: The issuer raises Wei's single-payment limit; the wallet takes it at the next sync
      Given the issuer's single-payment limit is ¥20.00
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When the issuer raises Wei's single-payment limit and PIN-free threshold to ¥50.00
      And Wei pays Golden Dragon ¥40.00
      Then the payment is refused because it is over the single-payment limit
      When Wei's wallet comes online and syncs
      Then Wei's wallet allows single payments up to ¥50.00
      When Wei pays Golden Dragon ¥40.00
      Then the payment is completed

    @LIMIT-05
    Scenario: A reader cannot raise Wei's limit with an acknowledgement it signed itself
      Given the issuer's single-payment limit is ¥20.00
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When a reader gives Wei's wallet an acknowledgement raising its single-payment limit to ¥50.00 signed by someone other than the issuer
      Then the wallet refuses the acknowledgement because its signature is not the issuer's
      And Wei's wallet allows single payments up to ¥20.00
      When Wei pays Golden Dragon ¥40.00
      Then the payment is refused because it is over the single-payment limit
