Feature: Forged wallets, replayed records and the PIN
  Offline, a wallet cannot ask anybody whether its peer is genuine: it checks the issuer's
  signature on the peer's certificate, that the record it is handed answers the challenge it
  just gave, and it asks for the PIN above the amount the issuer allows without one.

  Rule: only wallets certified by the issuer can pay

    @SEC-01
    Scenario: Mallory's wallet, certified by an unknown issuer, cannot pay Golden Dragon
      Given Mallory has a card wallet issued by an unknown issuer holding ¥50.00
      And Golden Dragon has a POS terminal
      When Mallory pays Golden Dragon ¥10.00
      Then the payment is refused because the payer's certificate is not from the issuer
      And Golden Dragon's wallet holds ¥0.00

    @SEC-01
    Scenario: a reader forges Wei's certificate with a key of its own choosing
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When a reader presents Wei's certificate to Golden Dragon with another public key in it, for ¥10.00
      Then the payment is refused because the payer's certificate is not from the issuer
      And Golden Dragon's wallet holds ¥0.00
      And Wei's wallet holds ¥100.00

  Rule: a payment record is credited only in the tap it was made for

    @SEC-02
    Scenario: a reader replays Wei's payment record to get Golden Dragon credited twice
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥25.00
      When a reader replays Wei's last payment record to Golden Dragon in a new tap
      Then the payment is refused because the record does not answer the payee's challenge
      And Golden Dragon's wallet holds ¥25.00

    @SEC-02
    Scenario: a reader hands Wei a challenge of its own instead of Golden Dragon's
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥25.00 through a reader that substitutes the payee's challenge
      Then the payment is refused because the record does not answer the payee's challenge
      And Golden Dragon's wallet holds ¥0.00
      And Wei's wallet holds ¥75.00
      When Wei's wallet comes online and syncs
      Then the bank has settled ¥25.00 to Golden Dragon exactly once

  Rule: a challenge lives only while the payee's wallet stays selected and powered

    @SEC-02
    Scenario Outline: Golden Dragon's pending receive does not outlast <interruption>
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥25.00, with <interruption> before RECEIVE
      Then the pending receive did not outlast <interruption>: Golden Dragon's wallet refuses the payer's record, and credits nothing
      And Golden Dragon's wallet holds ¥0.00
      And Wei's wallet holds ¥75.00
      When Wei's wallet comes online and syncs
      Then the bank has settled ¥25.00 to Golden Dragon exactly once

      Examples:
        | interruption                               |
        | a second SELECT of the payee's wallet      |
        | a power loss of the payee's secure element |

  Rule: no reader can foresee a nonce, so none can have a record signed for a tap still to come

    @SEC-02
    Scenario: Golden Dragon's challenges never repeat or follow from one another, across selections and power losses
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When a reader asks Golden Dragon's wallet for challenges to be paid by Wei: 4 after each of 2 selections, in each of 3 power-ups
      Then the 24 challenges are all different, and none is all zeros, a small step from the one before, or the same as the others in any byte

    @SEC-02
    Scenario: Wei's wallet draws the nonce of each payment to a static tag itself
      Given Wei has a phone wallet holding ¥100.00
      And Auntie Lan has a payment tag by the till
      And Wei has paid Auntie Lan ¥1.00 8 times without syncing
      Then the nonces of Wei's 8 payments to Auntie Lan are all different, and none is all zeros, the 16 bytes the reader sent, a small step from the one before, or the same as the others in any byte

  Rule: payments above the PIN-free threshold need the PIN

    @SEC-03 @needs-pin
    Scenario: Wei pays above the PIN-free threshold without his PIN
      Given the issuer's PIN-free threshold is ¥50.00
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥80.00
      Then the payment is refused because a PIN is needed
      And Wei's wallet holds ¥100.00

    @SEC-03 @needs-pin
    Scenario: Wei pays above the PIN-free threshold with his PIN
      Given the issuer's PIN-free threshold is ¥50.00
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥80.00 entering the PIN
      Then the payment is completed
      And Wei's wallet holds ¥20.00

    @SEC-03 @needs-pin
    Scenario: Wei pays exactly the PIN-free threshold without his PIN, and one fen more needs it
      Given the issuer's PIN-free threshold is ¥50.00
      And Wei has a card wallet holding ¥200.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥50.00
      Then the payment is completed
      When Wei pays Golden Dragon ¥50.01
      Then the payment is refused because a PIN is needed
      And Wei's wallet holds ¥150.00

  Rule: a verified PIN lasts only while the wallet stays selected and powered, and until a wrong PIN

    @SEC-03 @needs-pin
    Scenario Outline: Wei's verified PIN does not outlast <interruption>
      Given the issuer's PIN-free threshold is ¥50.00
      And Wei has a card wallet holding ¥200.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥80.00 entering the PIN, with <interruption> before PAY
      Then the PIN verification did not outlast <interruption>: Wei's wallet refuses to pay because a PIN is needed, and changes nothing
      When Wei pays Golden Dragon ¥80.00 entering the PIN
      Then the payment is completed
      And Wei's wallet holds ¥120.00
      And Golden Dragon's wallet holds ¥80.00

      Examples:
        | interruption                               |
        | a second SELECT of the payer's wallet      |
        | a power loss of the payer's secure element |
        | a wrong PIN sent to the payer's wallet     |

    @SEC-03 @needs-pin
    Scenario Outline: the reader selects and reads <first> wallet first, and Wei pays above the PIN-free threshold with his PIN
      Given the issuer's PIN-free threshold is ¥50.00
      And Wei has a card wallet holding ¥200.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥80.00 entering the PIN, through a reader that selects and reads <first> wallet first
      Then the payment is completed, the reader having selected and read <first> wallet first
      And Wei's wallet holds ¥120.00
      And Golden Dragon's wallet holds ¥80.00

      Examples:
        | first       |
        | the payer's |
        | the payee's |

  Rule: cutting the power never gives a PIN try back

    @SEC-05 @needs-pin
    Scenario: Mallory guesses Wei's PIN and cuts the power after every wrong guess
      Given Wei has a card wallet holding ¥100.00
      When Mallory guesses Wei's PIN wrongly as many times as the card allows, cutting the power after each guess
      Then each wrong guess cost a try
      And Wei's card has no PIN tries left
      When Wei enters the right PIN on Wei's card
      Then the card refuses the right PIN because the PIN is blocked

    @SEC-05 @needs-pin
    Scenario: Mallory cuts the power inside each of her guesses, at every write the card makes for it
      Given Wei has a card wallet holding ¥100.00
      When Mallory guesses Wei's PIN wrongly, cutting the power at each write the card makes for the guess
      Then the card records a wrong guess in its persistent memory, and no guess cut short before that tells whether the PIN was right

  Rule: a record altered on its way to the payee is refused

    @SEC-04
    Scenario: a reader alters Wei's payment record before handing it to Golden Dragon
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥25.00 through a reader that alters the record
      Then the payment is refused because the record's signature does not verify
      And Golden Dragon's wallet holds ¥0.00

    @SEC-04
    Scenario: a reader raises the amount in Wei's record to get Golden Dragon credited more than Wei paid
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥25.00 through a reader that raises the amount in the record to ¥90.00
      Then the payment is refused because the record's signature does not verify
      And Golden Dragon's wallet holds ¥0.00
      And Wei's wallet holds ¥75.00
      When Wei's wallet comes online and syncs
      Then the bank has settled ¥25.00 to Golden Dragon exactly once
