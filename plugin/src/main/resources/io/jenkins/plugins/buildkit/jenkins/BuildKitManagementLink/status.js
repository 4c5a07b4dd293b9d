// Fills in each builder's status on its own, so that one that is slow or down delays only itself,
// and asks before any action form is sent. Shipped with the plugin: no inline script, no download.
(function () {
    function load(box) {
        fetch(box.dataset.statusUrl, { credentials: "same-origin" })
            .then(function (response) {
                return response.text().then(function (text) {
                    if (!response.ok) {
                        throw new Error("HTTP " + response.status);
                    }
                    return text;
                });
            })
            .then(function (html) {
                box.innerHTML = html; // rendered and escaped by the server
                box.classList.add("buildkit-status-loaded");
            })
            .catch(function (error) {
                box.textContent = "Could not load the status: " + error.message;
                box.classList.add("buildkit-status-failed");
            });
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
            event.preventDefault();
        }
    });

    function start() {
        document.querySelectorAll(".buildkit-builder-status[data-status-url]").forEach(load);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
