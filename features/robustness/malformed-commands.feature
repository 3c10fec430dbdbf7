Feature: A wallet survives what a faulty or hostile reader sends it
  A wallet answers any reader that powers it: a cheap terminal with a bug, a phone app that
  builds its commands wrongly, or an attacker looking for the one malformed command that moves
  value or corrupts the purse. Whatever arrives, a wallet answers with a status word of the
  spec, refuses what the spec says it must refuse, changes nothing when it refuses, and pays
  correctly afterwards.

  Rule: malformed and mutated commands are refused, change nothing, and the wallet still pays

    @ROBUST-01
    Scenario: a faulty reader sends Wei's card 350 malformed and mutated commands, then Wei pays
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When a faulty reader sends Wei's wallet 350 malformed and mutated commands
      Then every malformed command was refused with a status word of the spec, and none changed Wei's wallet
      When Wei pays Golden Dragon ¥1.00
      Then the payment is completed
      And Wei's wallet holds ¥1.00 less than before the payment

    @ROBUST-01
    Scenario: a faulty reader sends a merchant's terminal 350 malformed and mutated commands, then it is paid
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When a faulty reader sends Golden Dragon's wallet 350 malformed and mutated commands
      Then every malformed command was refused with a status word of the spec, and none changed Golden Dragon's wallet
      When Wei pays Golden Dragon ¥1.00
      Then the payment is completed
      And Golden Dragon's wallet holds ¥1.00 more than before the payment
