package org.openconnector.common.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openconnector.common.error.ApiException;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageQueryTest {

    private static final Set<String> SORTABLE = Set.of("name", "created");
    private static final Set<String> FILTERABLE = Set.of("name", "type");

    @Test
    void defaultsToFirstPageOfThirty() {
        PageQuery q = PageQuery.parse(new LinkedMultiValueMap<>(), SORTABLE, FILTERABLE);
        assertThat(q.page()).isEqualTo(1);
        assertThat(q.limit()).isEqualTo(30);
        assertThat(q.offset()).isZero();
        assertThat(q.search()).isNull();
    }

    @Test
    void readsPagingSearchOrderAndFilters() {
        PageQuery q = PageQuery.parse(params("_page", "3", "_limit", "20", "_search", "acme",
                "_order[name]", "DESC", "type", "api"), SORTABLE, FILTERABLE);
        assertThat(q.offset()).isEqualTo(40);
        assertThat(q.search()).isEqualTo("acme");
        assertThat(q.order()).containsEntry("name", "desc");
        assertThat(q.filters()).containsEntry("type", "api");
    }

    @ParameterizedTest
    @CsvSource({
            "_limit, 501, _limit must be between 1 and 500",
            "_limit, 0, _limit must be between 1 and 500",
            "_page, x, _page must be an integer",
            "_order[name], up, must be asc or desc",
            "_order[secret], asc, Cannot order by 'secret'",
            "colour, red, Unknown filter 'colour'"})
    void refusesBadParametersWithAViolationNamingThem(String key, String value, String message) {
        assertThatThrownBy(() -> PageQuery.parse(params(key, value), SORTABLE, FILTERABLE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.propertyPath()).isEqualTo(key);
                        assertThat(v.title()).contains(message);
                    });
                });
    }

    @Test
    void pageEnvelopeCountsPages() {
        PageQuery q = PageQuery.parse(params("_limit", "10"), SORTABLE, FILTERABLE);
        assertThat(Page.of(List.of("a"), 21, q).pages()).isEqualTo(3);
        assertThat(Page.of(List.of(), 0, q).pages()).isEqualTo(1);
    }

    private static MultiValueMap<String, String> params(String... kv) {
        MultiValueMap<String, String> m = new LinkedMultiValueMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.add(kv[i], kv[i + 1]);
        }
        return m;
    }
}
