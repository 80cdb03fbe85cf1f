package io.edgebus.booth.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControlParserTest {
    private static ParseResult sales(ControlValues start, String keys) {
        return ControlParser.apply(ControlProfile.SALES, start, keys);
    }

    @Test
    void relativeAbsoluteToggleActionAndUnknownInOneSequence() {
        ParseResult r = sales(ControlValues.initial(), "qqQ5aI1x?");

        assertEquals(ControlValues.initial().with(Control.PROCESSING_TIME, 4).with(Control.DATABASE_DOWN, 1), r.values());
        assertEquals(List.of(Control.INTERMITTENT_FAILURE), r.actions());
        assertEquals(List.of("unknown key '?' ignored"), r.notes());
    }

    @Test
    void dialsStopAtZeroAndNine() {
        ControlValues v = sales(ControlValues.initial(), "aaaw").values();
        assertEquals(0, v.processingTimeLevel());
        assertEquals(1, v.failureRateLevel());
        v = sales(ControlValues.initial(), "W8www").values();
        assertEquals(9, v.failureRateLevel());
    }

    @Test
    void lowerCaseTogglesFlipAndAbsoluteFormSetsRegardlessOfCurrentValue() {
        ControlValues v = sales(ControlValues.initial(), "iopo").values();
        assertTrue(v.databaseDown());
        assertFalse(v.delayedRetries());
        assertTrue(v.autoRateLimit());
        v = sales(v, "I1I1P0").values();
        assertTrue(v.databaseDown());
        assertFalse(v.autoRateLimit());
    }

    @Test
    void absoluteFormWithoutDigitOrToggleAboveOneIsIgnoredWithNote() {
        ParseResult r = sales(ControlValues.initial(), "QqI7");
        assertEquals(1, r.values().processingTimeLevel(), "Q without digit skipped, q still applied");
        assertFalse(r.values().databaseDown());
        assertEquals(List.of("Q ignored: needs a digit, e.g. Q5", "I7 ignored: database down takes 0 or 1"), r.notes());
    }

    @Test
    void whitespaceIsSkippedButStrayDigitsAndOtherProfilesKeysAreNoted() {
        ParseResult r = sales(ControlValues.initial(), "q\n 5e");
        assertEquals(1, r.values().processingTimeLevel());
        assertEquals(List.of("unknown key '5' ignored", "unknown key 'e' ignored"), r.notes());
    }

    @Test
    void clientProfileGivesTheSameLettersItsOwnMeaning() {
        ParseResult r = ControlParser.apply(ControlProfile.CLIENT, ControlValues.initial(), "qqqwE3drbB");
        ControlValues v = r.values();
        assertEquals(3, v.rate());
        assertEquals(1, v.duplicates());
        assertEquals(2, v.noise());
        assertTrue(v.raffle());
        assertEquals(0, v.processingTimeLevel(), "Sales' dial untouched");
        assertEquals(List.of(Control.MANUAL_SEND, Control.MANUAL_SEND), r.actions());
        assertEquals(List.of(), r.notes());
    }

    @Test
    void valuesRefuseOutOfRange() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ControlValues.initial().with(Control.RAFFLE, 2));
    }

    @Test
    void helpPanelListsKeysAndCurrentValues() {
        ControlValues v = sales(ControlValues.initial(), "Q5W3I1").values();
        List<String> lines = HelpPanel.lines(ControlProfile.SALES, v);
        assertEquals(7, lines.size());
        assertEquals("  q/a  processing time                0.6 s", lines.get(1));
        assertEquals("  w/s  database failure rate          30 %", lines.get(2));
        assertEquals("  i    database down                  on", lines.get(3));
        assertEquals("  x    fail the animating stage", lines.get(6));
        assertTrue(HelpPanel.lines(ControlProfile.CLIENT, ControlValues.initial()).get(1).endsWith("manual"));
    }
}
