Feature: Every refusal of the spec, one check at a time
  Each command of the protocol has a table of checks, each with the status word the wallet
  refuses with. A reader that gets one field wrong - P1 P2, a length, a zero amount, the wallet's
  own certificate as the other side's, a record or token altered - must meet exactly that
  refusal: nothing changes, and the genuine command sent right after still goes through, so the
  refusal was for the one thing that was wrong. Where the change makes two checks fail (a byte
  more after a certificate is both a length and a signature that does not verify), every status
  word of the failed checks is allowed (spec [P-5.1-4]).

  Background:
    Given Wei has a card wallet holding ¥100.00
    And Golden Dragon has a POS terminal

  Rule: a command changed in one way is refused for it, changes nothing, and the genuine one still goes through

    @ROBUST-02
    Scenario Outline: <command> with <change>
      Then a reader's "<command>" with "<change>" is refused by <who>'s wallet with "<status words>", which changes nothing and still takes the genuine command

      Examples: paying
        | command     | change                            | who | status words |
        | PAY         | P1 P2 02 00                       | Wei | 6A86         |
        | PAY         | P1 P2 00 01                       | Wei | 6A86         |
        | PAY         | one byte less                     | Wei | 6700 or 6920 |
        | PAY         | one byte more                     | Wei | 6700 or 6920 |
        | PAY         | amount zero                       | Wei | 6A80         |
        | PAY         | its own certificate as the peer's | Wei | 6A80         |
        | PAY         | a byte of the signature changed   | Wei | 6920         |
        | PAY         | P1 P2 02 00 and an amount above every limit | Wei | 6A86 or 6911 or 6912 or 6910 |
        | PAY to a tag | P1 P2 01 01                      | Wei | 6A86         |
        | PAY to a tag | amount zero                      | Wei | 6A80         |
        | PAY         | a certificate of suite 02 the issuer signed | Wei | 6920 |
        | PAY         | a certificate with its key in the hybrid encoding the issuer signed | Wei | 6920 |
        | UNLOAD      | P1 P2 01 00                       | Wei | 6A86         |
        | UNLOAD      | one byte less                     | Wei | 6700         |
        | UNLOAD      | one byte more                     | Wei | 6700         |
        | UNLOAD      | amount zero                       | Wei | 6A80         |

      Examples: being paid
        | command       | change                            | who           | status words |
        | BEGIN RECEIVE | P1 P2 00 01                       | Golden Dragon | 6A86         |
        | BEGIN RECEIVE | one byte less                     | Golden Dragon | 6700 or 6920 |
        | BEGIN RECEIVE | one byte more                     | Golden Dragon | 6700 or 6920 |
        | BEGIN RECEIVE | amount zero                       | Golden Dragon | 6A80         |
        | BEGIN RECEIVE | its own certificate as the peer's | Golden Dragon | 6A80         |
        | BEGIN RECEIVE | a byte of the signature changed   | Golden Dragon | 6920         |
        | BEGIN RECEIVE | a certificate of suite 02 the issuer signed | Golden Dragon | 6920 |
        | BEGIN RECEIVE | a certificate with its key in the hybrid encoding the issuer signed | Golden Dragon | 6920 |
        | RECEIVE       | P1 P2 00 01                       | Golden Dragon | 6A86         |
        | RECEIVE       | one byte less                     | Golden Dragon | 6700 or 6921 |
        | RECEIVE       | one byte more                     | Golden Dragon | 6700 or 6921 |
        | RECEIVE       | a byte of the signature changed   | Golden Dragon | 6921         |
        | RECEIVE       | no pending receive                | Golden Dragon | 6985         |

      Examples: loading, the PIN, reading, issuing
        | command         | change                                  | who | status words |
        | LOAD            | P1 P2 00 01                             | Wei | 6A86         |
        | LOAD            | one byte less                           | Wei | 6700 or 6921 |
        | LOAD            | one byte more                           | Wei | 6700 or 6921 |
        | LOAD            | a byte of the issuer's signature changed | Wei | 6921        |
        | LOAD            | an issuer-signed token with amount zero | Wei | 6A80         |
        | LOAD            | an issuer-signed token of another type  | Wei | 6A80         |
        | VERIFY PIN      | P1 P2 00 01                             | Wei | 6A86         |
        | APPLY SYNC ACK  | P1 P2 00 01                             | Wei | 6A86         |
        | APPLY SYNC ACK  | one byte more                           | Wei | 6700 or 6921 |
        | VERIFY PIN      | one byte less                           | Wei | 6700         |
        | VERIFY PIN      | a byte that is not a digit              | Wei | 6A80         |
        | GET STATUS      | P1 P2 00 01                             | Wei | 6A86         |
        | GET CERTIFICATE | P1 P2 01 00                             | Wei | 6A86         |
        | READ RECORD     | P1 P2 00 02                             | Wei | 6A86         |
        | READ RECORD     | P2 01 on a record that is not a RECEIVE | Wei | 6A86         |
        | INITIALIZE      | state ACTIVE                            | Wei | 6985         |
        | PERSONALIZE     | state ACTIVE                            | Wei | 6985         |

  Rule: a record its payer really signed is refused when it is not the payment the payee asked for

    @ROBUST-02
    Scenario Outline: Golden Dragon's wallet is answered with a record <change>, which Mallory's broken wallet signed
      Given Mallory has a phone wallet whose broken secure element signs whatever it is told, holding ¥20.00
      Then Golden Dragon's wallet refuses the record from Mallory's broken wallet "<change>" with "<status words>", which changes nothing and still takes the genuine record

      Examples:
        | change                  | status words |
        | of another type         | 6A80         |
        | of version 02           | 6A80         |
        | for another payee       | 6923         |
        | for one fen more        | 6922         |
        | for amount zero         | 6922         |
        | for another challenge   | 6922         |
        | in another payer's name | 6922         |

  Rule: every form of a valid signature is taken, however short and whichever s

    @ROBUST-02
    Scenario Outline: <who>'s wallet takes <command> signed <form>
      Given Mallory has a phone wallet whose broken secure element signs whatever it is told, holding ¥20.00
      Then <who>'s wallet takes "<command>" with <peer> on the other side, signed "<form>"

      Examples:
        | who           | command                      | peer          | form                                        |
        | Wei           | PAY                          | Golden Dragon | with the high s                             |
        | Wei           | PAY                          | Golden Dragon | with a short signature of 69 bytes or fewer |
        | Golden Dragon | BEGIN RECEIVE                | Wei           | with the high s                             |
        | Golden Dragon | BEGIN RECEIVE                | Wei           | with a short signature of 69 bytes or fewer |
        | Wei           | LOAD                         | Golden Dragon | with the high s                             |
        | Wei           | LOAD                         | Golden Dragon | with a short signature of 69 bytes or fewer |
        | Wei           | APPLY SYNC ACK               | Golden Dragon | with the high s                             |
        | Wei           | APPLY SYNC ACK               | Golden Dragon | with a short signature of 69 bytes or fewer |
        | Golden Dragon | RECEIVE from a broken wallet | Mallory       | with the high s                             |
        | Golden Dragon | RECEIVE from a broken wallet | Mallory       | with a short signature of 69 bytes or fewer |
