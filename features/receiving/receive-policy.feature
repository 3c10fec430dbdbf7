Feature: What a payee may do with value it has just received
  The issuer decides, per wallet, whether value received offline can be spent again at once or
  is held until the wallet syncs and the backend has seen the payer's record. Holding it means
  a payee can never pass on value from a payment the backend would reject.

  Rule: with the spend-at-once policy, received value is spendable straight away

    @RECV-01
    Scenario: Golden Dragon pays its supplier with what Wei has just paid
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Fang has a phone wallet holding ¥0.00
      And Wei has paid Golden Dragon ¥40.00
      When Golden Dragon pays Fang ¥30.00
      Then the payment is completed
      And Golden Dragon's wallet holds ¥10.00

  Rule: with the hold-until-sync policy, received value is released only by the backend

    @RECV-02
    Scenario: Golden Dragon's received value waits for its sync
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal that holds received value until it syncs
      And Fang has a phone wallet holding ¥0.00
      And Wei has paid Golden Dragon ¥40.00
      When Golden Dragon pays Fang ¥30.00
      Then the payment is refused because the wallet does not hold enough
      And Golden Dragon's wallet holds ¥40.00 it cannot spend until it syncs

    @RECV-02
    Scenario: Golden Dragon's sync releases the held value
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal that holds received value until it syncs
      And Wei has paid Golden Dragon ¥40.00
      When Golden Dragon's wallet comes online and syncs
      Then Golden Dragon's wallet holds ¥40.00
      And Golden Dragon's wallet holds ¥0.00 it cannot spend until it syncs
