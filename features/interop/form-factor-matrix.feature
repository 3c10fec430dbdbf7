Feature: Every kind of wallet pays every other kind, where a tap is possible
  Cards, visual cards (with a display), Bluetooth cards, wearables, phones with an embedded SE,
  phones with an NFC-SIM wallet and POS terminals all hold value. Any of them can pay any other
  in one tap, in either role, as long as one side is a reader with power; two devices without a
  reader cannot tap at all.

  Rule: any pair with a reader on one side can pay in either direction

    @INTEROP-04
    Scenario Outline: a <payer> pays a <payee>
      Given Wei has a <payer> wallet holding ¥100.00
      And Mei has a <payee> wallet holding ¥0.00
      When Wei pays Mei ¥10.00
      Then the payment is completed
      And Wei's wallet holds ¥90.00
      And Mei's wallet holds ¥10.00

      Examples:
        | payer          | payee          |
        | card           | phone          |
        | card           | SIM phone      |
        | card           | POS terminal   |
        | visual card    | phone          |
        | visual card    | SIM phone      |
        | visual card    | POS terminal   |
        | Bluetooth card | phone          |
        | Bluetooth card | SIM phone      |
        | Bluetooth card | POS terminal   |
        | wearable       | phone          |
        | wearable       | SIM phone      |
        | wearable       | POS terminal   |
        | phone          | card           |
        | phone          | visual card    |
        | phone          | Bluetooth card |
        | phone          | wearable       |
        | phone          | phone          |
        | phone          | SIM phone      |
        | phone          | POS terminal   |
        | SIM phone      | card           |
        | SIM phone      | visual card    |
        | SIM phone      | Bluetooth card |
        | SIM phone      | wearable       |
        | SIM phone      | phone          |
        | SIM phone      | SIM phone      |
        | SIM phone      | POS terminal   |
        | POS terminal   | card           |
        | POS terminal   | visual card    |
        | POS terminal   | Bluetooth card |
        | POS terminal   | wearable       |
        | POS terminal   | phone          |
        | POS terminal   | SIM phone      |

  Rule: two devices without a reader cannot tap

    @INTEROP-04
    Scenario Outline: a <payer> cannot pay a <payee>
      Given Wei has a <payer> wallet holding ¥100.00
      And Mei has a <payee> wallet holding ¥0.00
      When Wei pays Mei ¥10.00
      Then no touch is possible because neither device has an NFC reader
      And Wei's wallet holds ¥100.00

      Examples:
        | payer          | payee          |
        | card           | card           |
        | card           | visual card    |
        | card           | Bluetooth card |
        | card           | wearable       |
        | visual card    | card           |
        | visual card    | visual card    |
        | visual card    | Bluetooth card |
        | visual card    | wearable       |
        | Bluetooth card | card           |
        | Bluetooth card | visual card    |
        | Bluetooth card | Bluetooth card |
        | Bluetooth card | wearable       |
        | wearable       | card           |
        | wearable       | visual card    |
        | wearable       | Bluetooth card |
        | wearable       | wearable       |
