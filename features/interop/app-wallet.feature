Feature: An app wallet cannot pay or be paid offline
  The article sets the hardware wallets against the App wallet: a wallet app on a phone keeps
  its value on the bank's servers, not in a secure element of its own, so it has nothing to sign
  a payment with and nowhere to keep one while both sides are offline. A phone with such an app
  can still read a card and emulate one, so the touch happens; the payment must not. Whatever
  it meets, the pairing is refused with the reason and the other side's secure element is not
  even asked.

  Rule: an app wallet pays no kind of wallet offline

    @INTEROP-06
    Scenario Outline: an app wallet cannot pay a <payee>
      Given Wei has an app wallet on a phone
      And Mei has a <payee> wallet holding ¥20.00
      When Wei pays Mei ¥10.00
      Then the payment is refused because Wei's app wallet has no secure element
      And no command reached Mei's secure element
      And Mei's wallet holds ¥20.00

      Examples:
        | payee          |
        | card           |
        | visual card    |
        | Bluetooth card |
        | wearable       |
        | phone          |
        | SIM phone      |
        | POS terminal   |

  Rule: no kind of wallet pays an app wallet offline

    @INTEROP-06
    Scenario Outline: a <payer> cannot pay an app wallet
      Given Wei has a <payer> wallet holding ¥100.00
      And Mei has an app wallet on a phone
      When Wei pays Mei ¥10.00
      Then the payment is refused because Mei's app wallet has no secure element
      And no command reached Wei's secure element
      And Wei's wallet holds ¥100.00

      Examples:
        | payer          |
        | card           |
        | visual card    |
        | Bluetooth card |
        | wearable       |
        | phone          |
        | SIM phone      |
        | POS terminal   |

  Rule: two app wallets, or an app wallet and a merchant's tag, make no payment either

    @INTEROP-06
    Scenario: an app wallet cannot pay another app wallet
      Given Wei has an app wallet on a phone
      And Mei has an app wallet on a phone
      When Wei pays Mei ¥10.00
      Then the payment is refused because Wei's app wallet has no secure element

    @INTEROP-06
    Scenario: an app wallet cannot pay a merchant's tag
      Given Golden Dragon has a payment tag by the till
      And Wei has an app wallet on a phone
      When Wei pays Golden Dragon ¥10.00
      Then the payment is refused because Wei's app wallet has no secure element
