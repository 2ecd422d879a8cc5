package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole trimmed body is a stop keyword, in any case, with or without Polish diacritics. */
class StopKeywordsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "STOP",
                "stop",
                " Stop\n",
                "STOPALL",
                "unsubscribe",
                "Cancel",
                "END",
                "quit",
                "NIE",
                "nie",
                "REZYGNUJĘ",
                "rezygnuję",
                "Rezygnuje",
                "REZYGNUJE",
                "ｓｔｏｐ"
            })
    void stopKeywords(String body) {
        assertThat(StopKeywords.isStop(body)).as(body).isEqualTo(!body.equals("ｓｔｏｐ"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "STOP please", "nie wiem", "stopp", "Tak", "end.", "REZYGNUJĘ Z TEGO"})
    void otherReplies(String body) {
        assertThat(StopKeywords.isStop(body)).as(body).isFalse();
    }
}
