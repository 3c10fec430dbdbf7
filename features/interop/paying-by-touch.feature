Feature: Paying by touch while both sides are offline
  A hardware wallet pays another hardware wallet by a single tap, with neither device online.
  One side of every tap must be a reader with power; the secure elements on both sides move
  the value between them, and the money leaves one wallet exactly as it arrives in the other.

  Rule: a card or wearable pays a merchant's POS terminal

    @INTEROP-01
    Scenario: Wei pays a noodle shop with his card at its POS terminal
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥25.00
      Then the payment is completed
      And Wei's wallet holds ¥75.00
      And Golden Dragon's wallet holds ¥25.00

    @INTEROP-01
    Scenario: Wei pays the noodle shop through a reader that selects and reads his card first
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei pays Golden Dragon ¥25.00 through a reader that selects and reads the payer's wallet first
      Then the payment is completed, the reader having selected and read the payer's wallet first
      And Wei's wallet holds ¥75.00
      And Golden Dragon's wallet holds ¥25.00

  Rule: a phone with a hardware wallet pays another phone

    @INTEROP-02
    Scenario: Li pays her friend Chen back for lunch, phone to phone
      Given Li has a phone wallet holding ¥80.00
      And Chen has a phone wallet holding ¥10.00
      When Li pays Chen ¥32.50
      Then the payment is completed
      And Li's wallet holds ¥47.50
      And Chen's wallet holds ¥42.50

  Rule: a tap needs a reader with power on one side

    @INTEROP-03
    Scenario: a card cannot pay another card
      Given Wei has a card wallet holding ¥100.00
      And Mei has a card wallet holding ¥0.00
      When Wei pays Mei ¥10.00
      Then no touch is possible because neither device has an NFC reader
      And Wei's wallet holds ¥100.00
      And Mei's wallet holds ¥0.00
