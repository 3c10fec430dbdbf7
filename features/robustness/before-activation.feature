Feature: A wallet that is not active yet takes no command of an active one
  A card is issued in steps: installed (NEW), initialized with the issuer's key (INITIALIZED),
  personalized with its certificate and PIN (PERSONALIZED), and active once the issuer's first
  acknowledgement gives it limits (ACTIVE). Until then it pays nothing, is paid nothing, loads and
  unloads nothing, and has no PIN to check: each command of an active wallet, well formed, is
  refused before anything is written. Such a card also has no limits, no value and, before it is
  personalized, no wallet id and no PIN, so a command can fail those checks too; the spec lets the
  wallet answer the status word of any check that fails ([P-5.1-4], [P-4-4]), but never 9000,
  never data, and never a change.

  Background:
    Given Golden Dragon has a POS terminal

  Rule: a new card refuses every command of an active wallet and changes nothing

    @ROBUST-02
    Scenario Outline: Wei's new card is sent a well-formed <command>
      Given the personalization station has a new card for Wei
      When the station sends Wei's card a well-formed "<command>", Golden Dragon on the other side
      Then Wei's card refuses the "<command>" with "<status words>"
      And nothing on Wei's card changed: it is still a new card

      Examples:
        | command       | status words                         |
        | VERIFY PIN    | 6985 or 6983                         |
        | BEGIN RECEIVE | 6985 or 6920 or 6914                 |
        | RECEIVE       | 6985                                 |
        | PAY           | 6985 or 6920 or 6911 or 6913 or 6912 or 6910 |
        | PAY to a tag  | 6985 or 6920 or 6911 or 6913 or 6912 or 6910 |
        | READ RECORD   | 6985 or 6A86                         |
        | UNLOAD        | 6985 or 6910                         |

  Rule: an initialized card refuses every command of an active wallet, its own genuine acknowledgement and load token too

    @ROBUST-02
    Scenario Outline: Wei's initialized card is sent a well-formed <command>
      Given the personalization station has initialized a new card for Wei
      When the station sends Wei's card a well-formed "<command>", Golden Dragon on the other side
      Then Wei's card refuses the "<command>" with "<status words>"
      And nothing on Wei's card changed: it is still initialized and not issued

      Examples:
        | command        | status words                         |
        | VERIFY PIN     | 6985 or 6983                         |
        | BEGIN RECEIVE  | 6985 or 6914                         |
        | RECEIVE        | 6985                                 |
        | PAY            | 6985 or 6911 or 6913 or 6912 or 6910 |
        | PAY to a tag   | 6985 or 6911 or 6913 or 6912 or 6910 |
        | READ RECORD    | 6985 or 6A86                         |
        | APPLY SYNC ACK | 6985 or 6926 or 6927                 |
        | LOAD           | 6985 or 6926 or 6914                 |
        | UNLOAD         | 6985 or 6910                         |

  Rule: a personalized card without its first limits pays, receives, loads and unloads nothing

    @ROBUST-02
    Scenario Outline: Wei's personalized card, before its first acknowledgement, is sent a well-formed <command>
      Given the personalization station has personalized a new card for Wei, which has no limits yet
      When the station sends Wei's card a well-formed "<command>", Golden Dragon on the other side
      Then Wei's card refuses the "<command>" with "<status words>"
      And nothing on Wei's card changed: it is still issued as before

      Examples:
        | command       | status words                         |
        | BEGIN RECEIVE | 6985 or 6914                         |
        | RECEIVE       | 6985                                 |
        | PAY           | 6985 or 6911 or 6913 or 6912 or 6910 |
        | PAY to a tag  | 6985 or 6911 or 6913 or 6912 or 6910 |
        | LOAD          | 6985 or 6914                         |
        | UNLOAD        | 6985 or 6910                         |
