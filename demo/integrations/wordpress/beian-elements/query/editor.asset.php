<?php
// What editor.js uses: WordPress's own editor packages, as globals (no build step).
return array(
	'dependencies' => array('wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'wp-server-side-render'),
	'version' => '0.1.0',
);
