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
