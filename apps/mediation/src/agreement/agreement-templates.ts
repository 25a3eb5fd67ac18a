import { AGREEMENT_TEMPLATES, type AgreementTemplate, type AgreementTemplateView } from '@gov/mediation-contracts';

/**
 * What a mediator starts an agreement from, per kind of dispute: a title and terms with blanks
 * (X) to fill in. Only suggestions — the draft carries the terms as the parties settled them.
 */
const TEMPLATES: Record<AgreementTemplate, Omit<AgreementTemplateView, 'key'>> = {
  general: {
    titleZh: '通用调解协议',
    suggestedTerms: [
      '双方当事人自愿达成如下协议：X。',
      '双方应按本协议约定的方式和期限履行各自义务。',
      '本协议履行完毕后，双方就本纠纷再无其他争议。',
    ],
  },
  payment: {
    titleZh: '给付类调解协议',
    suggestedTerms: [
      '被申请人同意向申请人支付人民币X元（大写：X）。',
      '被申请人于每月X日前向申请人支付人民币X元，共X期，至X年X月X日前付清。',
      '被申请人任何一期未按时足额支付的，申请人可就未付全部款项申请强制执行。',
      '款项付清后，双方就本纠纷再无其他争议。',
    ],
  },
  neighbours: {
    titleZh: '邻里纠纷调解协议',
    suggestedTerms: [
      '被申请人于X年X月X日前负责修复X，修复费用由X承担。',
      '双方今后互谅互让，和睦相处，不再就此事发生争执。',
      '本协议履行完毕后，双方就本纠纷再无其他争议。',
    ],
  },
  labour_injury: {
    titleZh: '劳务及工伤赔偿调解协议',
    suggestedTerms: [
      '被申请人一次性向申请人支付医疗费、误工费、护理费等各项赔偿共计人民币X元。',
      '上述款项于X年X月X日前以X方式支付至申请人指定账户。',
      '款项付清后，申请人不再就本次受伤向被申请人主张任何权利。',
    ],
  },
  marriage_family: {
    titleZh: '婚姻家庭纠纷调解协议',
    suggestedTerms: [
      '双方同意子女X由X抚养，另一方每月X日前支付抚养费人民币X元。',
      '共同财产X归X所有，X向对方支付折价款人民币X元。',
      '双方互相尊重，保障对方探望子女的权利。',
    ],
  },
};

export const agreementTemplates = (): AgreementTemplateView[] => AGREEMENT_TEMPLATES.map((key) => ({ key, ...TEMPLATES[key] }));
