package com.mobilemarketing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mobilemarketing.ingest.LinkTokens.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The click redirector: clicks recorded once per recipient, previews not, forged tokens and open redirects refused. */
class ClickRedirectTest extends IngestTestSupport {

    @Autowired
    private LinkTokens tokens;

    private long clicks(long messageId) {
        return asAllAccounts(
                () -> queryLong("select count(*) from click_event where account_id = 1 and message_id = ?", messageId));
    }

    @Test
    void aClickIsRecordedAndRedirectsToTheRegisteredUrl() throws Exception {
        var message = createMessage("WHATSAPP", 2, clock.instant().minusSeconds(600), true);
        var target = new Target(FLORA, message.id(), message.contacts().getFirst(), 2);
        var path = "/r/" + tokens.token(target);
        var phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/130 Mobile Safari/537.36";
        mvc.perform(get(path).header("User-Agent", phone))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", "https://sklep.example.pl/koszyk/2"));
        // the same recipient again: a second click row, but the recipient counts once
        mvc.perform(get(path + "?url=https://evil.example.com").header("User-Agent", phone))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", "https://sklep.example.pl/koszyk/2"));
        assertThat(clicks(message.id())).isEqualTo(2);
        assertThat(asAllAccounts(() -> queryLong(
                        "select clicked from message_stats where account_id = 1 and message_id = ?", message.id())))
                .isEqualTo(1);
        assertThat(asAllAccounts(() -> queryValue(
                        String.class,
                        "select clicked_at::text from message_recipient where account_id = 1 and message_id = ? and contact_id = ?",
                        message.id(),
                        message.contacts().getFirst())))
                .isNotNull();
        assertThat(counterDifferences()).isZero();
    }

    @Test
    void linkPreviewFetchersAreRedirectedButNotCounted() throws Exception {
        var message = createMessage("VIBER", 1, clock.instant().minusSeconds(600), true);
        var path = "/r/"
                + tokens.token(
                        new Target(FLORA, message.id(), message.contacts().getFirst(), 1));
        for (var agent : new String[] {
            "WhatsApp/2.23.20.0 A",
            "facebookexternalhit/1.1",
            "Slackbot-LinkExpanding 1.0",
            "TelegramBot (like TwitterBot)",
            "Viber/20.3.0",
            "Twitterbot/1.0",
            "LinkedInBot/1.0",
            "Mozilla/5.0 (compatible; Discordbot/2.0)",
            "Mozilla/5.0 (compatible; Googlebot/2.1)"
        }) {
            mvc.perform(get(path).header("User-Agent", agent))
                    .andExpect(status().isFound())
                    .andExpect(header().string("Location", "https://sklep.example.pl/oferta/1"));
        }
        mvc.perform(head(path).header("User-Agent", "Mozilla/5.0")).andExpect(status().isFound());
        assertThat(clicks(message.id())).isZero();
    }

    @Test
    void forgedOrUnknownTokensGetAPlainNotFound() throws Exception {
        var message = createMessage("SMS", 1, clock.instant().minusSeconds(600), true);
        var token =
                tokens.token(new Target(FLORA, message.id(), message.contacts().getFirst(), 1));
        var forged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        mvc.perform(get("/r/" + forged)).andExpect(status().isNotFound());
        mvc.perform(get("/r/not-a-token")).andExpect(status().isNotFound());
        mvc.perform(get("/r/" + "A".repeat(200))).andExpect(status().isNotFound());
        // genuine token, but a link number the message does not have, or a contact that got no message
        mvc.perform(get("/r/"
                        + tokens.token(new Target(
                                FLORA, message.id(), message.contacts().getFirst(), 3))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/r/" + tokens.token(new Target(FLORA, message.id(), 999_999_999L, 1))))
                .andExpect(status().isNotFound());
        // another account's id in a token signed by someone else cannot be made
        mvc.perform(get("/r/"
                        + tokens.token(new Target(
                                SPORT, message.id(), message.contacts().getFirst(), 1))))
                .andExpect(status().isNotFound());
        assertThat(clicks(message.id())).isZero();
    }

    @Test
    void tokensRoundTripAndRewriteMessageLinks() {
        var target = new Target(1, 123_456_789L, 98_765L, 2);
        assertThat(tokens.parse(tokens.token(target))).contains(target);
        assertThat(tokens.token(target)).hasSizeLessThan(32);
        var text = tokens.rewrite(
                "Oferta: https://sklep.example.pl/oferta/1 i koszyk https://sklep.example.pl/koszyk/2",
                1,
                5,
                7,
                Map.of(1, "https://sklep.example.pl/oferta/1", 2, "https://sklep.example.pl/koszyk/2"));
        assertThat(text)
                .doesNotContain("sklep.example.pl")
                .contains("/r/" + tokens.token(new Target(1, 5, 7, 1)))
                .contains("/r/" + tokens.token(new Target(1, 5, 7, 2)));
    }
}
