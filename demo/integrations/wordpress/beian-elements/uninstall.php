<?php
// Deleting the plugin (Plugins → Delete) removes its settings; zh_cn_l10n_icp_num is WordPress's, and stays.
if (!defined('WP_UNINSTALL_PLUGIN')) {
	exit;
}
delete_option('beian_elements');
