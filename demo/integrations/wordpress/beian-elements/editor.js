// The Filing footer block in the editor: the numbers in the inspector, the footer as the server renders it.
// Plain JavaScript against WordPress's globals (no build step); the block itself is registered from block.json.
(function (wp) {
  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var site = window.beianElementsSettings || { icp: '', psb: '' };

  function Edit(props) {
    var a = props.attributes;
    var empty = !a.icp && !a.psb; // an empty block prints the site's numbers: they are its placeholders
    function field(key, label) {
      return el(wp.components.TextControl, {
        label: label,
        value: a[key],
        placeholder: empty ? site[key] : '',
        __nextHasNoMarginBottom: true,
        onChange: function (value) {
          var change = {};
          change[key] = value;
          props.setAttributes(change);
        },
      });
    }
    return el(
      wp.element.Fragment,
      null,
      el(
        wp.blockEditor.InspectorControls,
        null,
        el(
          wp.components.PanelBody,
          { title: __('Filing numbers', 'beian-elements') },
          field('icp', __('ICP number (ICP备案号)', 'beian-elements')),
          el('div', { style: { height: '16px' } }),
          field('psb', __('公安 number (公安备案号)', 'beian-elements')),
          el('p', { className: 'components-base-control__help' },
            __('Leave both empty to show the numbers from Settings → Filing numbers.', 'beian-elements'))
        )
      ),
      el(
        'div',
        wp.blockEditor.useBlockProps(),
        el(wp.components.Disabled, null,
          el(wp.serverSideRender, { block: 'beian-elements/footer', attributes: a }))
      )
    );
  }

  wp.blocks.registerBlockType('beian-elements/footer', {
    edit: Edit,
    save: function () {
      return null;
    },
  });
})(window.wp);
