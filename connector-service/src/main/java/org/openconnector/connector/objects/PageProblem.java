package org.openconnector.connector.objects;

/** What is wrong with a page, in words that follow "Page n of source x ..." (unchecked, so it can leave a parser loop). */
final class PageProblem extends RuntimeException {

    PageProblem(String why) {
        super(why, null, false, false);
    }

    static PageProblem missingId(int index, String idPosition) {
        return new PageProblem("has object " + index + " without an id at '" + idPosition + "'");
    }
}
