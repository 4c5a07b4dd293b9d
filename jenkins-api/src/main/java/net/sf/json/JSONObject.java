// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package net.sf.json;

public final class JSONObject {
    private JSONObject() {
        throw new UnsupportedOperationException("compile-only mirror");
    }
}
