// Synthetic datasets of any size for the dataset tests and benchmarks: valid, distinct records in the shapes of
// the contract, so lookups at 10 and at 100,000 records ask the same kind of question.
import type { DatasetFile } from '../../src/server/dataset/file.js';

const PROVINCES = ['京', '沪', '粤', '浙', '苏', '鄂', '川'];

/** The ICP number, domain and 公安 code of synthetic record `i`. */
export function syntheticKeys(i: number) {
  const serial = String(2021000001 + i);
  return {
    icp: `${PROVINCES[i % PROVINCES.length]}ICP备${serial}号-1`,
    domain: `site${i}.cn`,
    unit: `示例${i}科技有限公司`,
    psb: `110105${String(i + 1).padStart(8, '0')}`,
  };
}

export function syntheticDataset(size: number): DatasetFile {
  const icp = [];
  const psb = [];
  for (let i = 0; i < size; i++) {
    const k = syntheticKeys(i);
    icp.push({
      unitName: k.unit,
      natureName: '企业',
      serviceLicence: k.icp,
      domain: k.domain,
      siteName: `站点${i}`,
      limitAccess: false,
      approvedAt: '2024-01-02T10:00:00+08:00',
      authority: 'dataset' as const,
    });
    if (i % 2 === 0) {
      psb.push({
        code: k.psb,
        display: `京公网安备${k.psb}号`,
        websiteName: `站点${i}`,
        mainDomain: k.domain,
        domains: [k.domain],
        unitName: k.unit,
        unitType: '企业单位',
        websiteType: '非交互式',
        department: '北京市公安局朝阳分局',
        filedAt: '2021-06-18',
      });
    }
  }
  return { version: 1, icp, psb };
}
