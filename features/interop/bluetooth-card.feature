@needs-bluetooth
Feature: The Bluetooth card tops up over Bluetooth and pays by NFC
  The article's Bluetooth card pays by NFC like any card, powered by the reader's field. A small
  battery of its own keeps a Bluetooth LE link to its holder's phone, through which the phone,
  when it is online, tops the card up. A radio link drops; a battery runs down. Neither may
  create value, and neither may stop the card paying.

  @BLE-01
  Scenario: the holder's phone tops up the Bluetooth card over Bluetooth
    Given Wei has a Bluetooth card wallet holding ¥20.00
    When Wei's phone tops up Wei's Bluetooth card with ¥50.00 over Bluetooth
    Then the top-up brought Wei's card ¥50.00
    And Wei's wallet holds ¥70.00

  @BLE-01
  Scenario: the link drops at every point of a top-up, and the value arrives exactly once
    Given Wei has a Bluetooth card wallet holding ¥20.00
    When the Bluetooth link drops at every point of a top-up of ¥50.00 onto Wei's Bluetooth card
    Then the link dropped at every one of those points, and every top-up brought the card ¥50.00 exactly once

  @BLE-01
  Scenario: the link drops at every point of a top-up and the phone gives up; the value arrives when it sends the token again, once
    Given Wei has a Bluetooth card wallet holding ¥20.00
    When the Bluetooth link drops at every point of a top-up of ¥50.00 onto Wei's Bluetooth card, and the phone gives up
    Then at every point the card had ¥50.00 or none of it when the phone gave up, and the token the phone kept, sent at its next connection, brought it ¥50.00 in all

  @BLE-02
  Scenario: with its battery dead the card still pays by NFC, and a top-up over Bluetooth is refused
    Given Wei has a Bluetooth card wallet holding ¥100.00
    And Golden Dragon has a POS terminal
    And the battery of Wei's Bluetooth card is dead
    When Wei pays Golden Dragon ¥10.00
    Then the payment is completed
    When Wei's phone tops up Wei's Bluetooth card with ¥50.00 over Bluetooth
    Then the top-up is refused because the card's battery is empty
    And Wei's wallet holds ¥90.00

  @BLE-03
  Scenario Outline: a phone relaying a payment over Bluetooth gets no payment command to the card, in either role
    Given Wei has a Bluetooth card wallet holding ¥100.00
    And <other> has a <other's device> wallet holding ¥100.00
    When <payer> pays <payee> ¥10.00, Wei's phone relaying Wei's Bluetooth card over Bluetooth as <relay>
    Then the relayed payment is refused, and no payment command reached Wei's secure element
    And Wei's wallet holds ¥100.00
    And <other>'s wallet holds ¥100.00

    Examples: the phone is the card in another reader's field, the card anywhere within radio range
      | other         | other's device | payer | payee         | relay                       |
      | Golden Dragon | POS            | Wei   | Golden Dragon | a card in the reader's field |
      | Fang          | phone          | Wei   | Fang          | a card in the reader's field |
      | Fang          | phone          | Fang  | Wei           | a card in the reader's field |

    Examples: the phone is the reader, using the card over Bluetooth as its own secure element
      | other | other's device | payer | payee | relay      |
      | Fang  | card           | Wei   | Fang  | the reader |
      | Fang  | wearable       | Fang  | Wei   | the reader |

  @BLE-03
  Scenario: a phone paying a merchant's tag with its holder's Bluetooth card over Bluetooth gets no payment command through
    Given Wei has a Bluetooth card wallet holding ¥100.00
    And Golden Dragon has a payment tag by the till
    When Wei pays Golden Dragon ¥10.00, Wei's phone relaying Wei's Bluetooth card over Bluetooth as the reader
    Then the relayed payment is refused, and no payment command reached Wei's secure element
    And Wei's wallet holds ¥100.00
