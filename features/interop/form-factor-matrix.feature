Feature: Every kind of wallet pays every other kind, where a tap is possible
  Cards, wearables, phones with an embedded SE, phones with an NFC-SIM wallet and POS
  terminals all hold value. Any of them can pay any other in one tap, in either role, as long
  as one side is a reader with power; two devices without a reader cannot tap at all.

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
        | payer        | payee        |
        | card         | phone        |
        | card         | SIM phone    |
        | card         | POS terminal |
        | wearable     | phone        |
        | wearable     | SIM phone    |
        | wearable     | POS terminal |
        | phone        | card         |
        | phone        | wearable     |
        | phone        | phone        |
        | phone        | SIM phone    |
        | phone        | POS terminal |
        | SIM phone    | card         |
        | SIM phone    | wearable     |
        | SIM phone    | phone        |
        | SIM phone    | SIM phone    |
        | SIM phone    | POS terminal |
        | POS terminal | card         |
        | POS terminal | wearable     |
        | POS terminal | phone        |
        | POS terminal | SIM phone    |

  Rule: two devices without a reader cannot tap

    @INTEROP-04
    Scenario Outline: a <payer> cannot pay a <payee>
      Given Wei has a <payer> wallet holding ¥100.00
      And Mei has a <payee> wallet holding ¥0.00
      When Wei pays Mei ¥10.00
      Then no touch is possible because neither device has an NFC reader
      And Wei's wallet holds ¥100.00

      Examples:
        | payer    | payee    |
        | card     | card     |
        | card     | wearable |
        | wearable | card     |
        | wearable | wearable |
