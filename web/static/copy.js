// Progressive enhancement: a "Kopier" button next to a read-only field. Without
// JavaScript the button stays hidden and the field can be selected by hand.
document.querySelectorAll("[data-copy]").forEach(function (button) {
	var field = document.getElementById(button.getAttribute("data-copy"));
	if (!field || !navigator.clipboard) return;
	button.hidden = false;
	button.addEventListener("click", function () {
		navigator.clipboard.writeText(field.value).then(function () {
			button.textContent = button.getAttribute("data-copied");
		});
	});
});
