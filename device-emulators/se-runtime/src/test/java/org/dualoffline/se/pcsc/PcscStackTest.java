package org.dualoffline.se.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PcscStackTest {
    private static final List<String> LAB = List.of("Virtual PCD 00 00", "Virtual PCD 00 01",
            "Identiv uTrust 3700 F CL Reader [uTrust 3700 F CL Reader] (55041911202837) 00 00");

    @Test
    void aFullReaderNameIsTakenAsItIs() {
        assertThat(PcscStack.resolve(LAB, "Virtual PCD 00 01")).isEqualTo("Virtual PCD 00 01");
    }

    @Test
    void aPartOfANameThatMatchesOneReaderOnlyNamesThatReaderWhateverItsCase() {
        assertThat(PcscStack.resolve(LAB, "utrust 3700")).isEqualTo(LAB.get(2));
        assertThat(PcscStack.resolve(LAB, " PCD 00 00 ")).isEqualTo("Virtual PCD 00 00");
    }

    @Test
    void aPartThatMatchesSeveralReadersIsRefusedListingThem() {
        assertThatThrownBy(() -> PcscStack.resolve(LAB, "Virtual PCD"))
                .isInstanceOfSatisfying(PcscException.class, e -> assertThat(e.problem()).isEqualTo(PcscException.Problem.NO_SUCH_READER))
                .hasMessage("\"Virtual PCD\" matches 2 PC/SC readers, \"Virtual PCD 00 00\", \"Virtual PCD 00 01\"; give more of the name");
    }

    @Test
    void aNameThatMatchesNoReaderIsRefusedListingTheReadersPresent() {
        assertThatThrownBy(() -> PcscStack.resolve(LAB, "ACR122"))
                .isInstanceOfSatisfying(PcscException.class, e -> assertThat(e.problem()).isEqualTo(PcscException.Problem.NO_SUCH_READER))
                .hasMessage("no PC/SC reader matches \"ACR122\"; readers present: \"Virtual PCD 00 00\", \"Virtual PCD 00 01\", \""
                        + LAB.get(2) + "\"");
    }

    @Test
    void withNoReadersAtAllTheMessageSaysSo() {
        assertThatThrownBy(() -> PcscStack.resolve(List.of(), "ACR122"))
                .hasMessage("no PC/SC reader matches \"ACR122\"; pcscd knows no readers (is the reader plugged in, is its driver installed?)");
    }

    @Test
    void anEmptyNameIsNotAName() {
        assertThatThrownBy(() -> PcscStack.resolve(LAB, "  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a PC/SC reader name (or part of one) is needed");
    }
}
