package io.storezero.it.cookies;

import io.storezero.it.support.TestPages;

/**
 * One column of the matrix in docs/third-party-cookies.md: where the page is relative to Keycloak (same site or not)
 * and the browser's pinned third-party-cookie setting. Shared by every matrix test so that each row is checked in
 * the same four cells.
 */
enum Cell {
    SAME_SITE_ALLOWED(true, true), SAME_SITE_BLOCKED(true, false), CROSS_SITE_ALLOWED(false, true), CROSS_SITE_BLOCKED(false, false);

    final boolean sameSite;
    final boolean allowed;

    Cell(boolean sameSite, boolean allowed) {
        this.sameSite = sameSite;
        this.allowed = allowed;
    }

    /** The pages of this cell's deployment: {@code sameSite} on Keycloak's site, {@code crossSite} on another. */
    TestPages pages(TestPages sameSite, TestPages crossSite) {
        return this.sameSite ? sameSite : crossSite;
    }

    /** Whether a frame from Keycloak in a page of this cell is sent Keycloak's cookies without asking. */
    boolean frameGetsCookies() {
        return sameSite || allowed;
    }
}
