Feature: A wallet whose secure element signs more than it holds is caught at sync
  If a wallet's key leaves its secure element, or the secure element stops checking, the wallet
  can sign payments and unloads of money it never had: the payee's wallet checks the signature,
  and it is genuine. No offline check of the payer helps then. The bank keeps the balance of
  every wallet's records and must catch it when the records arrive: refuse them, put the wallet
  on the blocklist, credit nothing that never existed, and say what honest payees get. The
  broken wallet here is the harness's own (the attacker's key in software); the payees are the
  wallets under test.

  Rule: a payment beyond what the wallet holds is caught when its records reach the bank, and the honest merchant is covered

    @DS-04
    Scenario: Mallory's broken wallet pays Golden Dragon more than it holds; Golden Dragon is covered and Mallory is shut out
      Given Mallory has a phone wallet whose broken secure element signs whatever it is told, holding ¥20.00
      And Golden Dragon has a POS terminal
      When Mallory's broken wallet pays Golden Dragon ¥500.00
      Then the payment is completed
      When Mallory's broken wallet syncs with the bank
      Then the bank refuses the upload of Mallory's broken wallet as spending more than it holds
      And the bank has put Mallory's wallet on the blocklist for spending more than it holds
      When Golden Dragon's wallet comes online and syncs
      Then the bank has settled ¥500.00 to Golden Dragon exactly once
      And the issuer has covered ¥500.00 of Mallory's overspending
      And the bank's books balance: everything issued is online, offline or on its way
      When Mallory's broken wallet pays Golden Dragon ¥10.00
      Then the payment is refused because the peer is blocklisted

    @DS-04
    Scenario: Golden Dragon syncs first and is paid at once; the bank judges the payment when Mallory's records arrive
      Given Mallory has a phone wallet whose broken secure element signs whatever it is told, holding ¥20.00
      And Golden Dragon has a POS terminal
      And Mallory's broken wallet has paid Golden Dragon ¥500.00
      When Golden Dragon's wallet comes online and syncs
      Then the bank has settled ¥500.00 to Golden Dragon exactly once
      And the bank's books balance: everything issued is online, offline or on its way
      When Mallory's broken wallet syncs with the bank
      Then the bank refuses the upload of Mallory's broken wallet as spending more than it holds
      And the bank has put Mallory's wallet on the blocklist for spending more than it holds
      And the issuer has covered ¥500.00 of Mallory's overspending
      And the bank's books balance: everything issued is online, offline or on its way

    @DS-04
    Scenario: A merchant paid by tag holds no receipt, so the bank settles nothing from a broken wallet's overspend
      Given Mallory has a phone wallet whose broken secure element signs whatever it is told, holding ¥20.00
      And Noodle Bar has a payment tag by the till
      When Mallory's broken wallet pays Noodle Bar's tag ¥300.00
      And Mallory's broken wallet syncs with the bank
      Then the bank refuses the upload of Mallory's broken wallet as spending more than it holds
      And the bank has settled nothing to Noodle Bar from Mallory's account
      And the issuer has covered ¥0.00 of Mallory's overspending
      And the bank's books balance: everything issued is online, offline or on its way

  Rule: money a wallet never had is never credited to its holder's bank account

    @DS-04
    Scenario: Mallory's broken wallet unloads money it never had; nothing is credited and the wallet is blocklisted
      Given Mallory has a phone wallet whose broken secure element signs whatever it is told, holding ¥20.00
      When Mallory's broken wallet unloads ¥42949672.95 to the bank account
      And Mallory's broken wallet syncs with the bank
      Then the bank refuses the upload of Mallory's broken wallet as spending more than it holds
      And Mallory's bank account holds ¥0.00
      And the bank will not issue Mallory a load token for ¥100.00: the bank account holds too little
      And the bank has put Mallory's wallet on the blocklist for spending more than it holds
      And the bank's books balance: everything issued is online, offline or on its way
