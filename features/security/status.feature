Feature: A wallet reports its own state truly
  Readers, phones, the bank's sync and this certification read a wallet's state with GET STATUS:
  its balance, what it holds until a sync, its counter, what is in its log, its limits, its PIN
  tries. A wallet that misreports any of it misleads every one of them. What it reports is held
  to what it cannot fake: the records it signed, the acknowledgements the issuer gave it, its
  own answers to the PIN.

  Rule: every field of GET STATUS agrees with the wallet's signed records and acknowledgements

    @STATUS-01
    Scenario: Wei's card reports its state truly through payments both ways, an unload, PIN entries and a sync
      Given Wei has a card wallet holding ¥100.00
      And Golden Dragon has a POS terminal
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei pays Golden Dragon ¥12.34
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Golden Dragon pays Wei ¥5.00
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei's wallet unloads ¥20.00 back to the bank account
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei enters a wrong PIN on Wei's card once
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei enters Wei's PIN correctly
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei's wallet comes online and syncs
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei pays Golden Dragon ¥1.00
      Then Wei's wallet reports in GET STATUS exactly what its signed records and acknowledgements say

    @STATUS-01
    Scenario: A terminal that holds received value until it syncs reports what it holds, and releases it at the sync
      Given Golden Dragon has a POS terminal that holds received value until it syncs
      And Wei has a card wallet holding ¥100.00
      When Wei pays Golden Dragon ¥30.00
      Then Golden Dragon's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Wei pays Golden Dragon ¥7.00
      Then Golden Dragon's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
      When Golden Dragon's wallet comes online and syncs
      Then Golden Dragon's wallet reports in GET STATUS exactly what its signed records and acknowledgements say
