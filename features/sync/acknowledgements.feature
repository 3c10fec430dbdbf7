Feature: A wallet applies only its own, genuine, current sync acknowledgement
  The bank's acknowledgement, signed by the issuer, frees a wallet's records, renews its offline
  allowance and limits, and brings its blocklist up to date. The phone or reader that relays it
  can present any acknowledgement it has seen: one for another wallet, an older one, one for a copy
  of the wallet that went its own way, or one whose bytes it changed. A signature from the issuer
  is not enough: the wallet takes only an acknowledgement for itself, for the records it wrote and
  no older than the last one it took, and refuses every other before it changes anything. The
  wallet then reports exactly what it reported before and pays as before. The acknowledgements that
  no bank would issue are signed here with the issuer's own key, so that each is refused for what
  is wrong in it and not for its signature.

  Rule: an acknowledgement for another wallet is refused

    @SYNC-06
    Scenario: A reader gives Wei's card an acknowledgement the issuer signed for Golden Dragon's terminal
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      When a reader gives Wei's wallet an acknowledgement the issuer signed for Golden Dragon's wallet
      Then the wallet refuses the acknowledgement because it is for another wallet
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

  Rule: an acknowledgement older than the last one applied is refused; the last one presented again is taken and changes nothing

    @SYNC-06
    Scenario: Wei's phone presents an earlier sync's acknowledgement after a later sync acknowledged a payment
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei's wallet comes online and syncs
      And Wei has paid Golden Dragon ¥10.00
      And Wei's wallet comes online and syncs
      And Wei has paid Golden Dragon ¥5.00
      When Wei's phone presents the acknowledgement of the earlier sync to the wallet
      Then the wallet refuses the acknowledgement because it is older than the one the wallet applied last
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

    @SYNC-06
    Scenario: Wei's phone presents an earlier sync's acknowledgement after a later sync renewed his limits
      Given the issuer's single-payment limit is ¥20.00
      And Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei's wallet comes online and syncs
      And the issuer raises Wei's single-payment limit and PIN-free threshold to ¥50.00
      And Wei's wallet comes online and syncs
      And Wei has paid Golden Dragon ¥10.00
      When Wei's phone presents the acknowledgement of the earlier sync to the wallet
      Then the wallet refuses the acknowledgement because it is older than the one the wallet applied last
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥40.00
      Then the payment is completed

    @SYNC-06
    Scenario: Wei's phone presents an earlier sync's acknowledgement after a later sync brought a stolen card to the blocklist
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Li has a phone wallet holding ¥20.00
      And Wei's wallet comes online and syncs
      And Li's wallet is reported stolen
      And Wei's wallet comes online and syncs
      And Wei has paid Golden Dragon ¥10.00
      When Wei's phone presents the acknowledgement of the earlier sync to the wallet
      Then the wallet refuses the acknowledgement because it is older than the one the wallet applied last
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

    @SYNC-06
    Scenario: Wei's phone presents the last sync's acknowledgement again; the wallet takes it and nothing changes
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei's wallet comes online and syncs
      And Wei has paid Golden Dragon ¥10.00
      And Golden Dragon has paid Wei ¥5.00
      When Wei's phone presents the acknowledgement of the last sync to the wallet again
      Then the wallet takes the acknowledgement again
      And Wei's wallet is just as it was before it took the acknowledgement again
      And Wei's wallet reports the acknowledgement of its last sync as the last one it applied
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

  Rule: an acknowledgement must match the records the wallet wrote

    @SYNC-06
    Scenario: A reader gives Wei's card an acknowledgement for a record the card has not written yet
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      When a reader gives Wei's wallet an acknowledgement the issuer signed for one record more than the wallet has written
      Then the wallet refuses the acknowledgement because it acknowledges a record the wallet has not written
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

    @SYNC-06
    Scenario: A reader gives Wei's card the acknowledgement the bank gave a copy of it that paid elsewhere
      Given Wei has a card wallet holding ¥100.00
      And Mallory holds a clone of Wei's wallet
      And Golden Dragon has a POS terminal
      And Lucky Star has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      And Mallory has paid Lucky Star ¥20.00
      And Mallory's wallet comes online and syncs
      When a reader gives Wei's wallet the acknowledgement of Mallory's last sync
      Then the wallet refuses the acknowledgement because it does not match the wallet's own records
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

    @SYNC-06
    Scenario: A reader gives Wei's card an acknowledgement of the records it last synced, with the hash of a later one
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei's wallet comes online and syncs
      And Wei has paid Golden Dragon ¥10.00
      When a reader gives Wei's wallet an acknowledgement the issuer signed for the records its last sync acknowledged, with the hash of a later record
      Then the wallet refuses the acknowledgement because it does not match the wallet's own records
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

  Rule: a malformed acknowledgement is refused, even one the issuer signed; one at the edge of the format is taken

    @SYNC-06
    Scenario: Wei's card takes an acknowledgement with 12 wallets to blocklist, the most one carries
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei's wallet comes online and syncs
      When Wei's wallet is given an acknowledgement the issuer signed with 12 wallets to blocklist, Golden Dragon's the last of them
      Then the wallet takes the acknowledgement with 12 wallets to blocklist
      When Wei pays Golden Dragon ¥10.00
      Then the payment is refused because the peer is blocklisted
      And Wei's wallet holds ¥100.00

    @SYNC-06
    Scenario: Wei's card takes the bank's acknowledgement after paying on, frees what it covers and keeps the two records since
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥1.00 3 times without syncing
      And Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei's phone uploads the wallet's records and holds back the bank's acknowledgement
      And Wei pays Golden Dragon ¥1.00
      And Wei pays Golden Dragon ¥1.00
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei's phone gives the wallet the acknowledgement it held back
      Then the wallet takes that acknowledgement
      And Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei's wallet comes online and syncs
      Then Wei's wallet has no records waiting to sync
      And the bank holds Wei's records as one unbroken chain

    @SYNC-06
    Scenario: Wei's card keeps the 32 newest wallets it was told to blocklist, when it has been told of 36
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      When Wei's wallet syncs three times and is given 12, 12 and 12 wallets to blocklist, Golden Dragon's number 5 of them
      Then the wallet takes every one of those acknowledgements
      And Wei's wallet still refuses to pay Golden Dragon, the oldest of the 32 newest wallets it was told to blocklist
      And Wei's wallet holds ¥100.00

    @SYNC-06
    Scenario: A reader gives Wei's card an acknowledgement with 13 wallets to blocklist
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      When a reader gives Wei's wallet an acknowledgement the issuer signed with 13 wallets to blocklist
      Then the wallet refuses the acknowledgement because it lists more than 12 wallets to blocklist
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

    @SYNC-06
    Scenario: A reader gives Wei's card an acknowledgement with a receive policy the protocol does not have
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      When a reader gives Wei's wallet an acknowledgement the issuer signed with receive policy 03
      Then the wallet refuses the acknowledgement because its receive policy is neither 01 nor 02
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

    @SYNC-06
    Scenario Outline: A reader gives Wei's card the issuer's acknowledgement <changed>
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      And Wei has paid Golden Dragon ¥10.00
      When a reader gives Wei's wallet the issuer's acknowledgement for it <changed>
      Then the wallet refuses the acknowledgement because <why>
      And Wei's wallet is just as it was before the acknowledgement
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed

      Examples:
        | changed                                | why                                     |
        | cut off after 73 bytes                 | it is shorter than 74 bytes             |
        | with its signature cut to 7 bytes      | its signature is not 8 to 72 bytes long |
        | with its signature padded to 73 bytes  | its signature is not 8 to 72 bytes long |
