Feature: A cloned wallet is caught, shut out offline, and honest payees keep their money
  A wallet's secrets should never leave its secure element. If they do, the copy can spend the
  same value twice while both are offline. The bank must see it at the first sync of either
  payee, put the wallet on the blocklist, tell every wallet that syncs, and say what honest
  payees get: they accepted a payment the issuer's own certified wallet signed, so the issuer
  covers it. Offline, wallets that know the blocklist refuse the blocklisted wallet before
  anything moves.

  Rule: the bank catches a double spend at the first sync of either payee

    @DS-02
    Scenario: Wei's card and its clone both spend the same money; the bank catches it and covers the honest payee
      Given Wei has a card wallet holding ¥100.00
      And Mallory holds a clone of Wei's wallet
      And Golden Dragon has a POS terminal
      And Lucky Star has a POS terminal
      And Wei has paid Golden Dragon ¥60.00
      And Mallory has paid Lucky Star ¥60.00
      When Golden Dragon's wallet comes online and syncs
      And Lucky Star's wallet comes online and syncs
      Then the bank has put Wei's wallet on the blocklist for a double spend
      And the issuer has covered ¥60.00 of Wei's double spending
      And the bank has settled ¥60.00 to Golden Dragon exactly once
      And the bank refuses the records of Mallory's wallet as a fork or double spend
      And the bank's books balance: everything issued is online, offline or on its way

  Rule: a payee that received both halves of a double spend keeps both, and the issuer covers only the half that did not settle

    @DS-02
    Scenario: Golden Dragon takes the clone's payment, then Wei's with the same counter; Wei's settles first and the clone's is covered
      Given Wei has a card wallet holding ¥100.00
      And Mallory holds a clone of Wei's wallet
      And Golden Dragon has a POS terminal
      And Mallory has paid Golden Dragon ¥40.00
      And Wei has paid Golden Dragon ¥60.00
      When Wei's wallet comes online and syncs
      And Golden Dragon's wallet comes online and syncs
      Then the bank has put Wei's wallet on the blocklist for a double spend
      And the issuer has covered ¥40.00 of Wei's double spending
      And the bank knows the payment from both Wei and Golden Dragon
      And the bank's books balance: everything issued is online, offline or on its way

  Rule: a blocklisted wallet is refused offline by every wallet that has synced since

    @DS-03
    Scenario: Once Lucky Star has synced, the clone can no longer pay there
      Given Wei has a card wallet holding ¥100.00
      And Mallory holds a clone of Wei's wallet
      And Golden Dragon has a POS terminal
      And Lucky Star has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      And Mallory has paid Lucky Star ¥20.00
      When Golden Dragon's wallet comes online and syncs
      And Lucky Star's wallet comes online and syncs
      And Mallory pays Lucky Star ¥20.00
      Then the payment is refused because the peer is blocklisted
      And Mallory's wallet holds ¥80.00

    @DS-03
    Scenario: A card reported stolen is refused as payer and as payee by a terminal that has synced
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei's wallet is reported stolen
      And Golden Dragon's wallet comes online and syncs
      Then the bank has put Wei's wallet on the blocklist as stolen
      When Wei pays Golden Dragon ¥10.00
      Then the payment is refused because the peer is blocklisted
      And Wei's wallet holds ¥100.00
      When Golden Dragon pays Wei ¥5.00
      Then the payment is refused because the peer is blocklisted
