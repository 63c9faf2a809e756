<?php
/**
 * Plugin Name: beian-elements
 * Description: The compliant filing footer (ICP 备案, 公安备案): a [beian_badge] shortcode and a "Filing footer" block that print plain links, upgraded by <beian-badge>.
 * Version: 0.1.0
 * Requires at least: 6.5
 * License: MIT
 *
 * Copy dist/cdn/beian-badge.js of the beian-elements npm package to assets/beian-badge.js (self-hosted: no
 * foreign CDN). The printed links work without JavaScript; the element validates the numbers and upgrades them.
 */

if (!defined('ABSPATH')) {
	exit;
}

/**
 * The footer's HTML: every value escaped, links only to the official hosts. The 公安 record link is made only for
 * a number of the right shape (the full validation lives in the element, which runs in the browser).
 */
function beian_elements_footer_html($atts) {
	$atts = shortcode_atts(array('icp' => '', 'psb' => ''), $atts, 'beian_badge');
	$icp = trim((string) $atts['icp']);
	$psb = trim((string) $atts['psb']);
	$links = array();
	if ($icp !== '') {
		$links[] = '<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">' . esc_html($icp) . '</a>';
	}
	if ($psb !== '') {
		// The record link only for a whole 公安 number, never a code picked out of other text.
		$href = preg_match('/^\p{Han}?公网安备 ?(\d{14}) ?号?$/u', $psb, $m)
			? 'https://beian.mps.gov.cn/#/query/webSearch?code=' . $m[1]
			: 'https://beian.mps.gov.cn/';
		$icon = '<img src="' . esc_url(plugins_url('assets/police.svg', __FILE__)) . '" alt="" width="16" height="16">';
		$links[] = '<a href="' . esc_url($href) . '" target="_blank" rel="noopener noreferrer">' . $icon . esc_html($psb) . '</a>';
	}
	beian_elements_enqueue();
	return '<beian-badge icp="' . esc_attr($icp) . '" psb="' . esc_attr($psb) . '">' . implode(' ', $links) . '</beian-badge>';
}

/** Loads the element as a script module, once per page. */
function beian_elements_enqueue() {
	wp_enqueue_script_module('beian-badge', plugins_url('assets/beian-badge.js', __FILE__));
}

add_shortcode('beian_badge', 'beian_elements_footer_html');

add_action('init', function () {
	register_block_type(__DIR__ . '/block.json', array('render_callback' => 'beian_elements_footer_html'));
});
