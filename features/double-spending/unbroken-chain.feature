Feature: Every record a wallet writes can be checked by the bank
  Each record a wallet signs takes the next number of its counter and carries the fingerprint of
  the record before it. A wallet that reused a number or broke the chain could spend the same
  value twice unseen; the bank must be able to follow every wallet's records from its first.

  Rule: a wallet's records form one unbroken chain at the bank

    @DS-01
    Scenario: Wei's payments reach the bank as one unbroken chain
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      And Wei has paid Golden Dragon ¥20.00
      When Wei's wallet comes online and syncs
      Then the bank holds Wei's records as one unbroken chain
