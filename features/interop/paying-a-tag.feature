Feature: Paying a merchant's static tag
  A small shop may have no terminal at all, only a passive NFC tag by the till that tells a
  phone whose wallet to pay. The tag holds no value and cannot answer; the customer's phone
  reads it and pays, and the shop is settled when the customer's phone next comes online.

  Rule: a phone pays a static tag, and the merchant is settled from the payer's sync

    @INTEROP-05
    Scenario: Wei pays for his tea at a stall with only a tag, and the stall is settled later
      Given Wei has a phone wallet holding ¥100.00
      And Auntie Lan has a payment tag by the till
      When Wei pays Auntie Lan ¥8.00
      Then the payment is completed
      And Wei's wallet holds ¥92.00
      When Wei's wallet comes online and syncs
      Then the bank has settled ¥8.00 to Auntie Lan exactly once

  Rule: a card cannot pay a tag: neither has a reader

    @INTEROP-05
    Scenario: Mei's card cannot pay the stall's tag
      Given Mei has a card wallet holding ¥100.00
      And Auntie Lan has a payment tag by the till
      When Mei pays Auntie Lan ¥8.00
      Then no touch is possible because neither device has an NFC reader
      And Mei's wallet holds ¥100.00
