Feature: A wallet is issued only with its own issuer-signed certificate and a well-formed PIN
  The issuer's personalization station, a reader at the issuer, issues every new wallet: it
  initializes the wallet with the issuer's key, the wallet generates its key pair, the issuer
  certifies that key, and the station personalizes the wallet with the certificate and the
  holder's PIN. A wallet takes no certificate but the one its issuer signed for its own key, no
  PIN it could not check later, and is initialized and personalized once. Whatever else a
  station sends, the wallet refuses it with the status word the spec fixes and changes nothing,
  and the right personalization still goes through afterwards.

  Rule: a wallet takes only the certificate its issuer signed for its own key

    @ISSUE-01
    Scenario: a station presents Wei's new card certificates for its key that the issuer did not sign
      Given Golden Dragon has a POS terminal
      And the personalization station has initialized a new card for Wei
      When the station personalizes Wei's card with a certificate for its key signed by another issuer
      Then Wei's card refuses to be personalized because the certificate is not signed by its issuer
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with the shortest certificate there is, whose signature does not verify
      Then Wei's card refuses to be personalized because the certificate is not signed by its issuer
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate and Wei's PIN
      Then Wei's card is issued with its own certificate and all its PIN tries
      When Wei's card gets its first limits from the issuer and is loaded with ¥100.00
      And Wei pays Golden Dragon ¥10.00
      Then the payment is completed
      And Wei's wallet holds ¥90.00

    @ISSUE-01
    Scenario: a station presents Wei's new card the genuine certificate of Golden Dragon's terminal
      Given Golden Dragon has a POS terminal
      And the personalization station has initialized a new card for Wei
      When the station personalizes Wei's card with the certificate of Golden Dragon's wallet
      Then Wei's card refuses to be personalized because the certificate is for another wallet's key
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate and Wei's PIN
      Then Wei's card is issued with its own certificate and all its PIN tries
      When Wei's card gets its first limits from the issuer and is loaded with ¥100.00
      And Wei pays Golden Dragon ¥10.00
      Then the payment is completed
      And Wei's wallet holds ¥90.00

  Rule: the PIN is 4 to 8 digits, one byte per digit holding the digit's value

    @ISSUE-01
    Scenario: a station sends Mei's new card a PIN too short, too long and in ASCII, then her 8-digit PIN
      Given Golden Dragon has a POS terminal
      And the personalization station has initialized a new card for Mei
      When the station personalizes Mei's card with its own certificate and a PIN of 3 digits
      Then Mei's card refuses to be personalized because the PIN is not 4 to 8 digits
      And nothing on Mei's card changed: it is still initialized and not issued
      When the station personalizes Mei's card with its own certificate and a PIN of 9 digits
      Then Mei's card refuses to be personalized because the PIN is not 4 to 8 digits
      And nothing on Mei's card changed: it is still initialized and not issued
      When the station personalizes Mei's card with its own certificate and the PIN 2468 sent as ASCII characters
      Then Mei's card refuses to be personalized because a PIN byte is not a digit's value
      And nothing on Mei's card changed: it is still initialized and not issued
      When the station personalizes Mei's card with its own certificate and the PIN 90210417
      Then Mei's card is issued with its own certificate and all its PIN tries
      When the station checks the PIN 90210417 on Mei's card
      Then Mei's card accepts the PIN and still has all its PIN tries
      When Mei's card gets its first limits from the issuer and is loaded with ¥100.00
      And Mei pays Golden Dragon ¥10.00
      Then the payment is completed
      And Mei's wallet holds ¥90.00

  Rule: the certificate and the PIN fill the command exactly, as their lengths say

    @ISSUE-01
    Scenario: a station sends Wei's new card personalizations cut short, too long, with a broken signature header or wrong parameters
      Given Golden Dragon has a POS terminal
      And the personalization station has initialized a new card for Wei
      When the station personalizes Wei's card with the first 88 bytes of its personalization
      Then Wei's card refuses to be personalized because the data is too short
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate and no PIN
      Then Wei's card refuses to be personalized because the data ends before the PIN length
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate, a PIN length of 4 and 5 digits
      Then Wei's card refuses to be personalized because the lengths do not add up
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate, a PIN length of 4 and 3 digits
      Then Wei's card refuses to be personalized because the lengths do not add up
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate with its signature tagged as a SET instead of a SEQUENCE
      Then Wei's card refuses to be personalized because the certificate's signature header is wrong
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate with a signature header that claims 73 bytes
      Then Wei's card refuses to be personalized because the certificate's signature header is wrong
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate and the PIN, with P1 P2 01 00
      Then Wei's card refuses to be personalized because its parameters are not 00 00
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate and the PIN, with P1 P2 00 01
      Then Wei's card refuses to be personalized because its parameters are not 00 00
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate and Wei's PIN
      Then Wei's card is issued with its own certificate and all its PIN tries
      When Wei's card gets its first limits from the issuer and is loaded with ¥100.00
      And Wei pays Golden Dragon ¥10.00
      Then the payment is completed
      And Wei's wallet holds ¥90.00

  Rule: a wallet is initialized once, with a well-formed key, and personalized once

    @ISSUE-01
    Scenario: a station sends Wei's new card malformed keys, initializes it twice and personalizes it twice
      Given Golden Dragon has a POS terminal
      And the personalization station has a new card for Wei
      When the station initializes Wei's card with the issuer's key less its last byte
      Then Wei's card refuses to be initialized because the key is not 65 bytes
      And nothing on Wei's card changed: it is still a new card
      When the station initializes Wei's card with the issuer's key and one byte more
      Then Wei's card refuses to be initialized because the key is not 65 bytes
      And nothing on Wei's card changed: it is still a new card
      When the station initializes Wei's card with the issuer's key in the hybrid encoding, 06 or 07 instead of 04
      Then Wei's card refuses to be initialized because the key does not start with 04
      And nothing on Wei's card changed: it is still a new card
      When the station initializes Wei's card with the issuer's key and P1 P2 01 00
      Then Wei's card refuses to be initialized because its parameters are not 00 00
      And nothing on Wei's card changed: it is still a new card
      When the station initializes Wei's card with the issuer's key
      And the station initializes Wei's card again, with another issuer's key
      Then Wei's card refuses to be initialized because it is already initialized
      And nothing on Wei's card changed: it is still initialized and not issued
      When the station personalizes Wei's card with its own certificate and Wei's PIN
      Then Wei's card is issued with its own certificate and all its PIN tries
      When the station personalizes Wei's issued card again, with a PIN of its own
      Then Wei's card refuses to be personalized because it is already personalized
      And nothing on Wei's card changed: it is still issued as before
      When the station checks Wei's PIN on the card
      Then Wei's card accepts the PIN and still has all its PIN tries
      When Wei's card gets its first limits from the issuer and is loaded with ¥100.00
      And Wei pays Golden Dragon ¥10.00
      Then the payment is completed
      And Wei's wallet holds ¥90.00

  Rule: every wallet generates a key pair of its own

    @ISSUE-01
    Scenario: two new cards initialized with the same issuer's key each generate a key of their own
      Given the personalization station has a new card for Wei
      And the personalization station has a new card for Mei
      When the station initializes Wei's card with the issuer's key
      And the station initializes Mei's card with the issuer's key
      Then Wei's card and Mei's card each answered a key of its own: two different points of P-256, neither the issuer's

  Rule: the wallet is selected in every state, and a SELECT writes nothing

    @ISSUE-01
    Scenario: the station selects Wei's new card again in every state it passes through on the way to its first payment
      Given Golden Dragon has a POS terminal
      And the personalization station has a new card for Wei
      When the station selects Wei's card again
      Then Wei's card answers the SELECT with 9000 in state NEW, and the SELECT changed nothing on it
      When the station initializes Wei's card with the issuer's key
      And the station selects Wei's card again
      Then Wei's card answers the SELECT with 9000 in state INITIALIZED, and the SELECT changed nothing on it
      When the station personalizes Wei's card with its own certificate and Wei's PIN
      And the station selects Wei's card again
      Then Wei's card answers the SELECT with 9000 in state PERSONALIZED, and the SELECT changed nothing on it
      When Wei's card gets its first limits from the issuer and is loaded with ¥100.00
      And the station selects Wei's card again
      Then Wei's card answers the SELECT with 9000 in state ACTIVE, and the SELECT changed nothing on it
      When Wei pays Golden Dragon ¥10.00
      Then the payment is completed
      And Wei's wallet holds ¥90.00
