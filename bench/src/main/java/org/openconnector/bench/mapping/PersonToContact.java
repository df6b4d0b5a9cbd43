package org.openconnector.bench.mapping;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmarked transformation, written once per engine: a ~1 KiB person record to a contact with 20 output
 * fields, nested output, two string joins (templates), three casts (int, bool, European money string to cents)
 * and lists copied through. Inputs are a fixed pool of varied, deterministic records.
 */
final class PersonToContact {

    static final String ENGINE = """
            {"name": "person-to-contact", "mapping": {
              "contact.id": "id", "contact.name.full": "{{ firstName }} {{ lastName }}",
              "contact.name.first": "firstName", "contact.name.last": "lastName", "contact.email": "email",
              "contact.phone": "phone", "contact.birthDate": "birthDate", "contact.age": "age", "contact.active": "active",
              "address.line1": "{{ address.street }} {{ address.houseNumber }}", "address.postalCode": "address.postalCode",
              "address.city": "address.city", "address.country": "address.country",
              "organisation.name": "company.name", "organisation.department": "company.department",
              "tags": "tags", "orders": "orders", "firstOrder.id": "orders.0.id", "firstOrder.cents": "orders.0.amount",
              "source": "crm"},
             "cast": {"contact.age": "int", "contact.active": "bool", "firstOrder.cents": "moneyStringToInt"}}
            """;

    static final String JSLT = """
            {"contact": {"id": .id, "name": {"full": .firstName + " " + .lastName, "first": .firstName, "last": .lastName},
                         "email": .email, "phone": .phone, "birthDate": .birthDate, "age": number(.age), "active": .active == "1"},
             "address": {"line1": .address.street + " " + .address.houseNumber, "postalCode": .address.postalCode,
                         "city": .address.city, "country": .address.country},
             "organisation": {"name": .company.name, "department": .company.department},
             "tags": .tags, "orders": .orders,
             "firstOrder": {"id": .orders[0].id, "cents": number(replace(.orders[0].amount, "[.,]", ""))},
             "source": "crm"}
            """;

    static final String JSONATA = """
            {"contact": {"id": id, "name": {"full": firstName & " " & lastName, "first": firstName, "last": lastName},
                         "email": email, "phone": phone, "birthDate": birthDate, "age": $number(age), "active": active = "1"},
             "address": {"line1": address.street & " " & address.houseNumber, "postalCode": address.postalCode,
                         "city": address.city, "country": address.country},
             "organisation": {"name": company.name, "department": company.department},
             "tags": tags[], "orders": orders[],
             "firstOrder": {"id": orders[0].id, "cents": $number($replace(orders[0].amount, /[.,]/, ""))},
             "source": "crm"}
            """;

    private static final String[] FIRST = {"Ann", "Bram", "Chloé", "Daan", "Eva", "Finn", "Guus", "Hanna"};
    private static final String[] LAST = {"de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer"};
    private static final String[] CITY = {"Amsterdam", "Utrecht", "Zwolle", "Groningen", "Den Haag", "Eindhoven"};

    private PersonToContact() {
    }

    /** {@code count} varied inputs as JSON text (each about 1 KiB). */
    static List<String> inputs(int count) {
        JsonMapper json = JsonMapper.shared();
        Random r = new Random(20261122);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            ObjectNode p = json.createObjectNode();
            p.put("id", "p-" + i).put("firstName", first).put("lastName", last)
                    .put("email", first.toLowerCase() + "." + i + "@example.org").put("phone", "+31 6 " + (10000000 + r.nextInt(89999999)))
                    .put("birthDate", (1950 + r.nextInt(50)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10))
                    .put("age", String.valueOf(18 + r.nextInt(70))).put("active", r.nextBoolean() ? "1" : "0");
            p.putObject("address").put("street", "Kerkstraat").put("houseNumber", String.valueOf(1 + r.nextInt(300)))
                    .put("postalCode", (1000 + r.nextInt(8999)) + " AB").put("city", CITY[r.nextInt(CITY.length)]).put("country", "NL");
            p.putObject("company").put("name", "Company " + r.nextInt(500)).put("department", "Dept " + r.nextInt(20));
            var tags = p.putArray("tags");
            for (int t = 0, n = 1 + r.nextInt(4); t < n; t++) {
                tags.add("tag" + r.nextInt(50));
            }
            var orders = p.putArray("orders");
            for (int o = 0, n = 1 + r.nextInt(5); o < n; o++) {
                orders.addObject().put("id", "o-" + i + "-" + o).put("amount", (1 + r.nextInt(9)) + "." + (100 + r.nextInt(899)) + "," + (10 + r.nextInt(89)));
            }
            p.put("notes", "Customer since " + (2000 + r.nextInt(25)) + "; prefers e-mail. " + "x".repeat(200 + r.nextInt(300)));
            p.put("createdAt", "2024-0" + (1 + r.nextInt(9)) + "-01T10:00:00Z").put("updatedBy", "import-" + r.nextInt(9));
            out.add(json.writeValueAsString(p));
        }
        return out;
    }
}
