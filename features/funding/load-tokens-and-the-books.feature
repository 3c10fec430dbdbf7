Feature: Money moves between the bank account and the wallet exactly once, and the books balance
  A load takes money out of the holder's bank account the moment the issuer signs a load token,
  and the wallet accepts each token once, only if it is its own and the next in sequence; an
  unload takes it off the wallet first and reaches the bank account only with the wallet's signed
  redeem record, once; so value is never both online and offline. The bank's audit shows it: everything issued is in
  an online account, on a wallet as its last sync reported, or on its way.

  Rule: a load token is accepted once, and only by its own wallet

    @FUND-01
    Scenario: Wei loads ¥50.00 from the bank account, once
      Given Wei has a phone wallet holding ¥10.00
      And Fang has a phone wallet holding ¥10.00
      When Wei pays ¥50.00 into the bank account and asks for a load token for it
      Then Wei's bank account holds ¥0.00
      When Wei's wallet loads the token
      Then the load is accepted
      And Wei's wallet holds ¥60.00
      When Wei's wallet loads the same token again
      Then the wallet refuses the load because the token was already used
      When Fang's wallet is given Wei's load token
      Then the wallet refuses the load because the token is for another wallet
      And Wei's wallet holds ¥60.00
      And Fang's wallet holds ¥10.00

  Rule: an unload is the wallet's signed redeem record, credited to the bank account once

    @FUND-02
    Scenario: Wei unloads ¥40.00 back to the bank account; the redeem record is credited once
      Given Wei has a card wallet holding ¥100.00
      When Wei's wallet unloads ¥40.00 back to the bank account
      And Wei's wallet comes online and syncs
      And Wei's redeem record reaches the bank again
      And Wei's wallet tries to unload ¥60.01 back to the bank account
      Then the unload of ¥40.00 was accepted with a redeem record signed by Wei's wallet
      And Wei's bank account held ¥0.00 until the wallet synced
      And the bank took the second copy of Wei's redeem record as one it already had
      And Wei's wallet refused to unload ¥60.01 because its balance is too low
      And Wei's wallet holds ¥60.00
      And Wei's bank account holds ¥40.00
      And the bank believes Wei's wallet holds ¥60.00
      And the bank's books balance: everything issued is online, offline or on its way


    @FUND-02
    Scenario: the power fails at every point of Wei's unload; the money is on the card or in the bank, once
      When the power fails at every point of unloading ¥40.00 from Wei's card wallet holding ¥100.00
      Then the power was cut at every one of those points
      And no power cut created value, lost value, reused a counter or broke storage

  Rule: the bank's books balance whatever state the payments are in

    @FUND-03
    Scenario: After payments synced by both sides, by one side, torn and pending, nothing is missing from the books
      Given Wei has a card wallet holding ¥100.00
      And Fang has a phone wallet holding ¥50.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥30.00
      And Fang has paid Golden Dragon ¥20.00
      And Fang has paid Wei ¥5.00
      When Wei's wallet comes online and syncs
      And Golden Dragon's wallet comes online and syncs
      And Fang pays ¥25.00 into the bank account and asks for a load token for it
      Then the bank's books balance: everything issued is online, offline or on its way
