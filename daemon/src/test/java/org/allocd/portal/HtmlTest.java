package org.allocd.portal;

import static org.allocd.portal.Html.attrs;
import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one escaping function, in text and in attribute values; names cannot come from data. */
class HtmlTest {
    @Test
    void textAndAttributeValuesCannotCloseAnything() {
        assertEquals("&lt;img src=x onerror=alert(1)&gt;", text("<img src=x onerror=alert(1)>").toString());
        assertEquals("<a href=\"/x&quot;&gt;&lt;script&gt;\">&#39;&amp;</a>",
                el("a", attrs("href", "/x\"><script>"), text("'&")).toString());
        assertEquals("<input type=\"checkbox\" checked>", el("input", attrs("type", "checkbox", "checked", "",
                "value", null)).toString());
    }

    @Test
    void namesAndPathsComeFromCode() {
        assertThrows(IllegalArgumentException.class, () -> el("a onclick=x", attrs()));
        assertThrows(IllegalArgumentException.class, () -> el("a", attrs("on click", "x")));
        assertEquals("/accounts/a%2Fb%20c", Html.path("accounts", "a/b c"));
        assertEquals("/jobs?state=open&before=5", Html.query("/jobs", "account", null, "state", "open", "before", "5"));
    }
}
