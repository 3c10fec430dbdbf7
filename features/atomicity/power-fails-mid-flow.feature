Feature: No value is created or lost when the power fails
  A card can leave the field, and a phone or a POS can run out of battery, at any moment. The
  harness cuts the power at every point where it matters - before every command and at every
  write the chips make to their memory - and checks the purse invariants once the wallets have
  recovered: no value is created, all value is accounted for, no counter is used twice, and
  the wallets' storage stays consistent. A new card can lose power at the issuer too: a torn
  personalization leaves it not personalized at all, or personalized with everything.

  Rule: a payment torn at any point creates no value and loses none

    @ATOM-01
    Scenario: the power fails at every point of Wei's payment to Golden Dragon
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When the power fails at every point of a payment of ¥25.00 from Wei to Golden Dragon
      Then the power was cut at every one of those points
      And no power cut created value, lost value, reused a counter or broke storage

  Rule: a load torn at any point loads the value exactly once

    @ATOM-02
    Scenario: the power fails at every point of loading value onto Wei's card
      When the power fails at every point of loading ¥50.00 onto Wei's card wallet
      Then the power was cut at every one of those points
      And no power cut created value, lost value, reused a counter or broke storage

  Rule: a sync torn at any point frees storage only for what the backend acknowledged

    @ATOM-03
    Scenario: the power fails at every point of Golden Dragon's sync
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When the power fails at every point of Golden Dragon's sync after Wei pays ¥25.00
      Then the power was cut at every one of those points
      And no power cut created value, lost value, reused a counter or broke storage

  Rule: a personalization torn at any point issues the card with everything or not at all, and the issuance completes

    @ATOM-04
    Scenario: the power fails at every point of the personalization of Wei's new card
      Given Golden Dragon has a POS terminal
      When the power fails at every point of the personalization of a new card for Wei, which then loads ¥100.00 and pays Golden Dragon ¥10.00
      Then the power was cut at every one of those points
      And every power cut left the card not personalized at all or personalized with everything, and its issuance completed
