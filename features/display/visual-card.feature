@needs-display
Feature: A visual card shows what its wallet committed
  The article's smart visual card carries a small e-ink display, so that people without a
  smartphone can see what their card holds. The card's firmware redraws it at the end of every
  session in a reader's field - a payment, a load, an unload, a sync - from what it reads back
  from its own secure element: the committed balance and the last entry of the wallet's log. Out
  of the field the display keeps its image. What it shows must always be what the wallet
  committed.

  Background:
    Given Golden Dragon has a POS terminal

  @DISP-01
  Scenario: after paying, the card shows the balance left and the payment
    Given Wei has a visual card wallet holding ¥100.00
    When Wei pays Golden Dragon ¥10.00
    Then the payment is completed
    And Wei's card shows ¥90.00, paid ¥10.00

  @DISP-01
  Scenario: after being paid, the card shows the new balance and what it received
    Given Mei has a phone wallet holding ¥50.00
    And Wei has a visual card wallet holding ¥0.00
    When Mei pays Wei ¥12.50
    Then the payment is completed
    And Wei's card shows ¥12.50, received ¥12.50

  @DISP-01
  Scenario: a refused payment leaves the face as the wallet left it
    Given Wei has a visual card wallet holding ¥5.00
    When Wei pays Golden Dragon ¥10.00
    Then the payment is refused because the wallet does not hold enough
    And Wei's card shows ¥5.00, loaded ¥5.00

  @DISP-01
  Scenario: after a load and an unload the card shows each
    Given Wei has a visual card wallet holding ¥20.00
    When Wei pays ¥30.00 into the bank account and asks for a load token for it
    And Wei's wallet loads the token
    Then the load is accepted
    And Wei's card shows ¥50.00, loaded ¥30.00
    When Wei's wallet unloads ¥15.00 back to the bank account
    Then Wei's card shows ¥35.00, unloaded ¥15.00

  @DISP-01
  Scenario: after a sync the card shows the balance alone, and the next payment again
    Given Wei has a visual card wallet holding ¥100.00
    And Wei has paid Golden Dragon ¥25.00
    When Wei's wallet comes online and syncs
    Then Wei's card shows ¥75.00 and no transaction since its sync
    When Wei pays Golden Dragon ¥5.00
    Then Wei's card shows ¥70.00, paid ¥5.00

  @DISP-02
  Scenario: the power fails at every point of a visual card's payment, and the card never shows what its wallet did not commit
    Given Wei has a visual card wallet holding ¥100.00
    When the power fails at every point of a payment of ¥25.00 from Wei's visual card to Golden Dragon, the display's redraw included
    Then the power was cut at every one of those points
    And no power cut left the card showing a balance its wallet had not committed, and the next field showed the committed one

  @DISP-03
  Scenario: the display is redrawn after the payment is committed, and the payment keeps its tap budget
    Given Wei has a visual card wallet holding ¥100.00
    When Wei pays Golden Dragon ¥10.00
    Then the payment is completed
    And the tap takes at most 500 milliseconds
    And Wei's card drew nothing on its display before the payment's last command, and redrew it after
    And Wei's card stayed in the reader's field at most 1000 milliseconds in all, for the payment and then the redraw
