Feature: A tap is over before the customer notices
  Contactless practice gives a tap about half a second. Secure elements are slow at
  cryptography and at writing their memory, and the article warns that long offline histories
  slow low-power chips further. Tap time is modeled from what each chip does in the tap - its
  signatures, verifications and memory writes - and the bytes sent over NFC, at the speed of
  the chip's class.

  Rule: a payment between typical secure elements fits the half-second tap

    @PERF-01
    Scenario: Wei pays at a POS, both on typical secure elements
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei's secure element is a typical SE
      And Golden Dragon's secure element is a typical SE
      When Wei pays Golden Dragon ¥25.00
      Then the payment is completed
      And the tap takes at most 500 milliseconds

  Rule: tap time does not grow with the payments stored since the last sync

    @PERF-02
    Scenario: Wei's payment into the last free slot of his wallet's storage is as quick as his first since his last sync
      Given the issuer allows 100 offline payments between syncs
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥1.00 at a time without syncing until one slot of the wallet's storage is left
      When Wei pays Golden Dragon ¥1.00
      Then the payment is completed
      And the tap took about as long as the first one since the last sync
      And the tap takes at most 500 milliseconds
