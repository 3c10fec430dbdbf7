Feature: Paying when the phone's battery is dead
  The article asks whether a power outage still allows payment. A wallet in an NFC-SIM draws
  its power from the reader's field, so it can pay with its phone switched off; a wallet in a
  phone's embedded SE, under the reference policy, cannot.

  Rule: an NFC-SIM wallet pays with its phone's battery dead

    @PWR-01
    Scenario: Wei pays at a POS with the SIM wallet of his dead phone
      Given Wei has a SIM phone wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei's phone battery is dead
      When Wei pays Golden Dragon ¥30.00
      Then the payment is completed
      And Wei's wallet holds ¥70.00
      And Golden Dragon's wallet holds ¥30.00

  Rule: a phone with an embedded SE and a dead battery cannot pay

    @PWR-02
    Scenario: Li's phone is dead and her embedded wallet does not answer the POS
      Given Li has a phone wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Li's phone battery is dead
      When Li pays Golden Dragon ¥30.00
      Then no touch is possible because a phone with a dead battery cannot answer as a card
      And Li's wallet holds ¥100.00

  Rule: a reader or a phone that dies in the middle of a tap loses no value

    @PWR-03
    Scenario: Golden Dragon's POS runs out of battery in the middle of Wei's tap
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal on a battery at 1%
      When Wei pays Golden Dragon ¥25.00
      Then the payment is cut off by the power loss
      And once both wallets have synced, no value was created and none was lost

    @PWR-04
    Scenario: Li's phone has almost no battery left and dies as she pays
      Given Li has a phone wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Li's phone dies just as it is asked to pay
      When Li pays Golden Dragon ¥25.00
      Then the payment is cut off by the power loss
      And once both wallets have synced, no value was created and none was lost

    @PWR-05
    Scenario: Wei's phone dies as he pays, but his SIM wallet runs on the POS's field
      Given Wei has a SIM phone wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei's phone dies just as it is asked to pay
      When Wei pays Golden Dragon ¥25.00
      Then the payment is completed
      And Wei's wallet holds ¥75.00
